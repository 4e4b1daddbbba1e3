"""The consultation windows' hooks: their admin screen (coordinators), the section on each
district page, the navigation link, /consult/ in the sitemap and the demo windows."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.demo import DemoLoader
from portal.sections import LinkSource, Section
from portal.sitemaps import SitemapView

from . import sections
from .demo import load_demo_windows
from .models import ConsultationWindow


class ConsultationWindowViewSet(SnippetViewSet):
    model = ConsultationWindow
    icon = "help"
    menu_label = "相談窓口"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name_ja", "field", "phone", "department_ja", "is_demo"]
    list_filter = ["field", "is_demo"]
    search_fields = ["name_ja", "name_en", "department_ja"]
    ordering = ["field", "sort_order", "pk"]


register_snippet(ConsultationWindowViewSet)


@hooks.register("portal_district_sections")
def district_windows_section():
    # After the hub (10): the district's first contact comes first.
    return Section(
        "windows", "consult/sections/district_windows.html", sections.district_windows, order=15
    )


@hooks.register("portal_main_navigation")
def consult_link():
    return LinkSource("consult", sections.navigation_links, order=85)


@hooks.register("portal_sitemap_views")
def consult_in_sitemap():
    return SitemapView("consult:list", changefreq="monthly")


@hooks.register("portal_demo_loaders")
def demo_windows():
    """`manage.py load_demo` (portal/demo.py)."""
    return DemoLoader("consult", load_demo_windows, order=15)
