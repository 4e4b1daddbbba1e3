"""Page permissions in front of the admin views of Wagtail and its plug-ins that forget them.

The admin's permission table (`tests/permissions/url_table.py`) requests every
admin URL as staff of another district, agency staff, a user with admin
access only and an anonymous visitor; these views let them through:

* wagtail-localize's "translate this page" and "update translations" check
  only the global `wagtail_localize.submit_translation` permission, which
  every district's group holds: staff of one district could create and
  publish an English copy of another district's draft, and publish its
  unpublished translations. Here translating needs edit permission on the
  source, and in each chosen language the right to add a page under the
  translated parent (and to publish there, when the source is live, because
  wagtail-localize then publishes the copy); updating needs edit permission on
  the source and on every translation, and publish permission on each when
  "publish immediately" is ticked. Translating a snippet needs the right to
  edit that snippet type.
* Wagtail's move confirmation names any page (its draft title) before the move
  checks permissions, and its moderation views' "not awaiting moderation"
  message names any page: they now need the permissions of the action (edit
  permission on the page, or the task's actions for its moderators).
* The page chooser lists every page, drafts of other districts included, and
  its "chosen" step returns any page's title: it keeps to live pages and the
  pages the user may edit, and a live page the user may not edit shows its
  live title, not a pending draft's (`scoped_page_chooser`, a Wagtail hook,
  and the browsing view's parent page).
* Wagtail's bulk actions list the chosen objects the user may not act on by
  title (`id=all`: every page of the site): refused instead.
* wagtail-localize's translations report lists every district's pages: it is
  answered by the same report over what the user may edit.
* Wagtail's page types usage report names the last edited page of each type,
  a draft of any district included: system administrators only.

A guard is registered for a URL name and runs in `AdminGuardMiddleware`
before the view, for signed-in users with admin access (anyone else meets the
view's own login and access checks). It returns None to let the view run,
`refuse(request)` (Wagtail's own "no permission" answer), or its own response
in place of the view's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Locale, Page, Task, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.report import TranslationsReportView

Guard = Callable[..., HttpResponse | None]
GUARDS: dict[str, Guard] = {}
ADMIN_ACCESS = "wagtailadmin.access_admin"


def guard(*view_names: str) -> Callable[[Guard], Guard]:
    """Register the decorated function as the guard of these URL names."""

    def register(function: Guard) -> Guard:
        for name in view_names:
            GUARDS[name] = function
        return function

    return register


def refuse(request: HttpRequest) -> HttpResponse:
    return permission_denied(request)


class AdminGuardMiddleware:
    """Runs the guard registered for the resolved URL name, before its view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        check = GUARDS.get(match.view_name) if match is not None else None
        user = getattr(request, "user", None)
        if check is None or user is None or not user.is_authenticated:
            return None
        if not user.is_active or not user.has_perm(ADMIN_ACCESS):
            return None
        return check(request, *view_args, **view_kwargs)


def _page(page_id) -> Page | None:
    return Page.objects.filter(pk=page_id).first()


def _translated_ancestor(page: Page, locale: Locale) -> Page | None:
    """The nearest ancestor of `page` that exists in `locale` (its translation there)."""
    for ancestor in page.get_ancestors(inclusive=False).reverse():
        translation = ancestor.get_translation_or_none(locale)
        if translation is not None:
            return translation
    return None


def _can_publish_instance(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user_can_edit_snippet_type(user, type(instance))


# --- wagtail-localize: submitting and updating translations -------------------------------


@guard("wagtail_localize:submit_page_translation")
def submit_page_translation(request, page_id):
    page = _page(page_id)
    if page is None:
        return None
    user = request.user
    if not page.permissions_for_user(user).can_edit():
        return refuse(request)
    if request.method == "POST":
        for locale in Locale.objects.filter(pk__in=_ids(request.POST.getlist("locales"))):
            parent = _translated_ancestor(page, locale)
            perms = parent.permissions_for_user(user) if parent is not None else None
            if perms is None or not perms.can_add_subpage():
                return refuse(request)
            if page.live and not perms.can_publish_subpage():
                return refuse(request)
    return None


@guard("wagtail_localize:submit_snippet_translation")
def submit_snippet_translation(request, app_label, model_name, pk):
    try:
        model = get_snippet_model_from_url_params(app_label, model_name)
    except Http404:
        return None
    if not user_can_edit_snippet_type(request.user, model):
        return refuse(request)
    return None


@guard("wagtail_localize:update_translations")
def update_translations(request, translation_source_id):
    source = TranslationSource.objects.filter(pk=translation_source_id).first()
    if source is None:
        return None
    user = request.user
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    if not user_can_edit_instance(user, instance):
        return refuse(request)
    publish = request.method == "POST" and bool(request.POST.get("publish_translations"))
    for translation in source.translations.filter(enabled=True):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if not user_can_edit_instance(user, target):
            return refuse(request)
        if publish and not _can_publish_instance(user, target):
            return refuse(request)
    return None


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit() and len(str(value)) < 10]


# --- wagtail-localize: the translations report -------------------------------------------


def translations_user_may_edit(user, translations):
    """`translations` (wagtail-localize Translation rows) whose source the user may edit."""
    if user.is_superuser:
        return translations
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    snippet_types = [
        ContentType.objects.get_for_model(model)
        for model in get_snippet_models()
        if user_can_edit_snippet_type(user, model)
    ]
    return translations.filter(
        Q(source__object_id__in=pages.values("translation_key"))
        | Q(source__specific_content_type__in=snippet_types)
    )


class ScopedTranslationsReportView(TranslationsReportView):
    """wagtail-localize's translations report over what the user may edit."""

    def get_queryset(self):
        return translations_user_may_edit(self.request.user, super().get_queryset())


translations_report = ScopedTranslationsReportView.as_view()
translations_report_results = ScopedTranslationsReportView.as_view(results_only=True)


@guard("wagtail_localize:translations_report")
def scoped_translations_report(request):
    return translations_report(request)


@guard("wagtail_localize:translations_report_results")
def scoped_translations_report_results(request):
    return translations_report_results(request)


# --- Wagtail's page views -----------------------------------------------------------------


@guard("wagtailadmin_pages:move_confirm")
def move_confirm(request, page_to_move_id, destination_id):
    page, destination = _page(page_to_move_id), _page(destination_id)
    if page is None or destination is None:
        return None
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return refuse(request)
    return None


@guard("wagtailadmin_pages:workflow_preview")
def workflow_preview(request, page_id, task_id):
    page = _page(page_id)
    task = Task.objects.filter(pk=task_id).first()
    if page is None or task is None:
        return None
    user = request.user
    if page.permissions_for_user(user).can_edit() or task.specific.get_actions(page, user):
        return None
    return refuse(request)


@guard("wagtailadmin_pages:workflow_action", "wagtailadmin_pages:collect_workflow_action_data")
def workflow_action(request, page_id, action_name, task_state_id):
    page = _page(page_id)
    task_state = TaskState.objects.filter(pk=task_state_id).select_related("task").first()
    if page is None or task_state is None:
        return None
    user = request.user
    if page.permissions_for_user(user).can_edit():
        return None
    if task_state.task.specific.get_actions(page, user):
        return None
    return refuse(request)


@guard("wagtailadmin_pages:confirm_workflow_cancellation")
def confirm_workflow_cancellation(request, page_id):
    page = _page(page_id)
    if page is None or page.permissions_for_user(request.user).can_edit():
        return None
    return refuse(request)


@guard("wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results")
def page_types_usage(request):
    return None if request.user.is_superuser else refuse(request)


@guard("wagtail_bulk_action")
def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk actions list by title the chosen objects the user may not act on
    (with `id=all`, every page of the site): refuse instead of naming them."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        return None
    try:
        _objects, extra = action_class(request, model).get_actionable_objects()
    except (Http404, ValueError, Page.DoesNotExist):
        return None
    return refuse(request) if extra.get("items_with_no_access") else None


# --- The page chooser ---------------------------------------------------------------------


def choosable_pages(user, pages):
    """`pages` the user may see in the page chooser: live ones, and those they may edit."""
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


def hide_draft_title(page: Page, user) -> Page:
    """A live page the user may not edit shows its live title, not a pending draft's."""
    if page.live and page.has_unpublished_changes and not user.is_superuser:
        if not page.permissions_for_user(user).can_edit():
            page.draft_title = page.title
    return page


def _hiding_draft_titles(iterable_class, user):
    class HidingDraftTitles(iterable_class):
        def __iter__(self):
            for page in super().__iter__():
                yield hide_draft_title(page, user)

    return HidingDraftTitles


def scoped_page_chooser(pages, request):
    """The `construct_page_chooser_queryset` hook (browse and search)."""
    pages = choosable_pages(request.user, pages)
    # The chooser paginates this queryset itself: hiding pending titles as its rows are
    # read (the iterable class survives cloning and slicing) keeps its pagination intact.
    pages._iterable_class = _hiding_draft_titles(pages._iterable_class, request.user)
    return pages


class ScopedBrowseView(BrowseView):
    """The chooser's browsing, its parent page shown under its live title too."""

    def get_object_list(self):
        hide_draft_title(self.parent_page, self.request.user)
        return super().get_object_list()


browse = ScopedBrowseView.as_view()


@guard("wagtailadmin_choose_page_child")
def choose_page_child(request, parent_page_id):
    parent = _page(parent_page_id)
    if parent is None:
        return None
    if not choosable_pages(request.user, Page.objects.filter(pk=parent.pk)).exists():
        return refuse(request)
    return browse(request, parent_page_id=parent_page_id)


@guard("wagtailadmin_choose_page_chosen_multiple")
def chosen_pages(request):
    ids = _ids(request.GET.getlist("id"))
    pages = Page.objects.filter(pk__in=ids)
    if choosable_pages(request.user, pages).count() != pages.count():
        return refuse(request)
    if any(
        page.has_unpublished_changes and not page.permissions_for_user(request.user).can_edit()
        for page in pages.filter(live=True)
    ):
        return refuse(request)
    return None
