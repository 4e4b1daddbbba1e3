"""Admin wiring of the portal's own staff screens (two-factor login), of the page
permissions Wagtail's own screens forget (`portal.admin_guards`), and admin-wide fixes;
and what the portal itself plugs into its own hooks (open data in the footer and sitemap)."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from .admin_guards import scoped_page_chooser
from .locales import attach_known_locale
from .page_cache import collecting_tags, depends_on, render_tags_of
from .sections import Link, LinkSource
from .sitemaps import SitemapView
from .two_factor import ResetView, SetupView, VerifyView, can_reset_two_factor, devices_for_user

two_factor_urls = [
    path("verify/", VerifyView.as_view(), name="verify"),
    path("setup/", SetupView.as_view(), name="setup"),
    path("reset/<int:user_id>/", ResetView.as_view(), name="reset"),
]


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("two-factor/", include((two_factor_urls, "two_factor"), namespace="two_factor"))]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if can_reset_two_factor(request_user) and any(devices_for_user(user, confirmed=None)):
        yield Button(
            _("Reset two-step login"),
            reverse("two_factor:reset", args=[user.pk]),
            priority=50,
        )


@hooks.register("insert_global_admin_js")
def admin_accessibility_js():
    """Accessible names Wagtail's and wagtail-localize's screens leave out (see the script)."""
    return format_html(
        '<script src="{}" data-po-file-label="{}" defer></script>',
        static("portal/js/admin-accessibility.js"),
        _("Translation file (PO) to upload"),
    )


@hooks.register("insert_global_admin_css")
def admin_css():
    """Colour fixes for plug-ins' admin screens (see the stylesheet)."""
    return format_html('<link rel="stylesheet" href="{}">', static("portal/css/admin.css"))


@hooks.register("construct_page_chooser_queryset")
def page_chooser_queryset(pages, request):
    return scoped_page_chooser(pages, request)


@hooks.register("construct_reports_menu")
def hide_page_types_usage(request, menu_items):
    """Its "last edited" column names drafts of every district (`portal.admin_guards`)."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# --- The portal's own contributions to its hooks (portal/sections.py, sitemaps.py) ----------


def open_data_links(request):
    return [Link(str(_("Open data")), reverse("opendata"))]


@hooks.register("portal_footer_links")
def open_data_link():
    return LinkSource("opendata", open_data_links, order=50)


@hooks.register("portal_sitemap_views")
def open_data_in_sitemap():
    return SitemapView("opendata", changefreq="weekly")


@hooks.register("before_serve_page")
def tag_the_served_page(page, request, serve_args, serve_kwargs):
    """The page cache keeps a served page with the tags of what it shows (portal.page_cache)."""
    if collecting_tags():  # a page's tags may read its district: not for nothing
        depends_on(*render_tags_of(page))


@hooks.register("before_serve_page")
def give_the_served_page_its_locale(page, request, serve_args, serve_kwargs):
    """The served page's locale from the request's memo (portal.locales), not a query."""
    attach_known_locale(page)
