"""The site search: which page types are searchable, their index, and the query.

Feature apps make their page types searchable through Wagtail hooks registered in
their `wagtail_hooks.py` (portal imports no app of ours):

`portal_search_types`
    `fn() -> SearchableType`: a searchable page type, its key (the `type=` of the
    results page), label, indexed fields and `order` (of the type filter). Read
    whenever a page is published, moved or indexed and at each search; a later
    registration of the same key replaces the earlier::

        @hooks.register("portal_search_types")
        def places_search_type():
            return search.SearchableType(PlacePage, key="places", label=_("Places"),
                                         fields=["summary", "body", "address"], order=20)

`portal_search_shortcuts`
    `fn(request, query) -> list[Shortcut]`: links that answer the query better than
    its results, shown above them (places: a postcode or a town name leads to the
    places near it). Called at each search with a query; no database query of their own.

Each live page of a registered type has one `SearchDocument` (its folded text and
readings, see portal/japanese.py) and its bigrams as `SearchToken` rows. The
index follows Wagtail's signals: publish writes the document, unpublish and
delete remove it, a move re-indexes the moved pages; `manage.py rebuild_search`
writes it all again.

Besides the registered fields, every document holds the name of its page
type in every language (ボランティア募集 on each opportunity: searching the
word that names a kind finds all of that kind), and its district's name.

A query is cut into terms (portal/japanese.py `query_terms`), each with its
forms (as typed, stem, plural, romaji as kana); a page matches when, for
every term, one of its forms has all its bigrams among the page's tokens
(found through the tokens' index) and really occurs in its text (which rules
out bigrams that are there but apart). A one-kanji word (畑) has no bigram
and is looked up in the text alone. Title hits come first, shorter titles
before longer ones.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail import hooks
from wagtail.search import index

from . import japanese
from .extension_points import contributions

SUMMARY_LENGTH = 160

TextSource = str | Callable[[Any], str | Iterable[str] | None]


@dataclass(frozen=True)
class SearchableType:
    """A registered page type.

    `fields`: attribute names (rich text is stripped of its tags) or callables
    `page -> text or texts`, indexed after the title. Left out, they are the
    model's own Wagtail `search_fields` (`fields_of`): declared once, beside the
    model's fields, for the admin's search and the portal's alike. `reading` names a field
    of staff-written kana (its text is indexed as written, beside pykakasi's);
    `summary` the text shown under the result's title; `district(page)` the
    district page it belongs to (by default the page's `district` attribute,
    else its parent); `next_dates(page_ids)` returns `{page_id: date or
    datetime}` for the results on screen (events fill it; one query per type
    and results page).
    """

    model: type
    key: str
    label: Any
    fields: tuple[TextSource, ...] | None = None
    summary: TextSource | None = None
    district: Callable[[Any], Any] | None = None
    next_dates: Callable[[Sequence[int]], dict[int, dt.date | dt.datetime]] | None = None
    order: int = 100

    def __post_init__(self):
        fields = fields_of(self.model) if self.fields is None else self.fields
        object.__setattr__(self, "fields", tuple(fields))

    def texts(self, page) -> list[str]:
        return [text for source in self.fields for text in _texts(page, source)]

    def summary_of(self, page) -> str:
        texts = _texts(page, self.summary) if self.summary else []
        text = " ".join(texts) or getattr(page, "search_description", "")
        return Truncator(" ".join(text.split())).chars(SUMMARY_LENGTH)

    def district_of(self, page):
        if self.district is not None:
            return self.district(page)
        if hasattr(page, "district"):
            return page.district
        return page.get_parent()


#: Indexed apart, with the page's title (see `index_page`).
TITLE_FIELDS = frozenset({"title", "reading"})


def fields_of(model: type) -> list[TextSource]:
    """The texts the portal indexes of a page type, read from its Wagtail `search_fields`:
    each `index.SearchField` but the title and reading, and for each `index.RelatedFields`
    the related objects' own search fields (a place's kind and whom it is for, in every
    language: `RelatedFields("kind", [SearchField("name_ja"), SearchField("name_en")])`)."""
    sources: list[TextSource] = []
    for declared in model.search_fields:
        if isinstance(declared, index.SearchField) and declared.field_name not in TITLE_FIELDS:
            sources.append(declared.field_name)
        elif isinstance(declared, index.RelatedFields):
            sources.append(_related_texts(declared))
    return sources


def _related_texts(related: index.RelatedFields) -> Callable[[Any], list[str]]:
    names = [inner.field_name for inner in related.fields if isinstance(inner, index.SearchField)]

    def texts(page) -> list[str]:
        value = getattr(page, related.field_name, None)
        if value is None:
            return []
        items = list(value.all()) if hasattr(value, "all") else [value]
        return [text for item in items for name in names if (text := getattr(item, name, ""))]

    return texts


def _texts(page, source: TextSource | None) -> list[str]:
    if source is None:
        return []
    value = source(page) if callable(source) else getattr(page, source, "")
    if value is None:
        return []
    if isinstance(value, str):
        values = [value]
    else:
        values = [str(item) for item in value if item]
    return [" ".join(strip_tags(str(item)).split()) for item in values if item]


def searchable_types() -> list[SearchableType]:
    """The page types registered for `portal_search_types`, in order."""
    return contributions("portal_search_types", key="key")


def type_for(page) -> SearchableType | None:
    """The searchable type `page` is of (its own class, not a parent class), if any."""
    return next((entry for entry in searchable_types() if entry.model is type(page)), None)


@functools.cache
def type_names(model: type) -> tuple[str, ...]:
    """The name of a page type in every language of the site (ボランティア募集,
    volunteer opportunity): the word a resident uses for all pages of that type."""
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(model._meta.verbose_name))
    return tuple(dict.fromkeys(names))


# --- The index ------------------------------------------------------------------------


def document_for(page, entry: SearchableType):
    """The unsaved SearchDocument of `page` and its set of bigrams."""
    from .models import SearchDocument

    title = page.title
    reading = getattr(page, "reading", "") or ""
    title_text = japanese.index_text(title, reading, whole=True)
    district = entry.district_of(page)
    texts = [*entry.texts(page), *type_names(entry.model)]
    if district is not None and district.pk != page.pk:
        # "サロン 第二地区" narrows to one district: a page is found by its district's name.
        texts += [district.title, getattr(district, "reading", "") or ""]
    text = "\n".join(filter(None, [title_text, japanese.index_text(*texts)]))
    document = SearchDocument(
        page_id=page.pk,
        locale_id=page.locale_id,
        doc_type=entry.key,
        district_id=district.pk if district is not None else None,
        title=title[:255],
        summary=entry.summary_of(page),
        title_text=title_text,
        text=text,
    )
    return document, japanese.bigrams(text)


@transaction.atomic
def index_page(page) -> bool:
    """Write (or rewrite) the document of a live page of a registered type.

    Returns False, and removes any document, when the page is not searchable.
    """
    from .models import SearchToken

    page = page.specific
    entry = type_for(page)
    if entry is None or not page.live:
        remove_page(page.pk)
        return False
    document, tokens = document_for(page, entry)
    delete_tokens(page.pk)
    document.save()
    SearchToken.objects.bulk_create(
        [SearchToken(token=token, document_id=page.pk) for token in tokens], batch_size=1000
    )
    return True


def delete_tokens(page_id: int | None = None) -> None:
    """One DELETE statement. The ORM's delete() of a model with a composite key
    selects every row first and deletes them by (token, document) pairs: 20 ms a
    page, half a minute for a rebuild."""
    from django.db import connection

    from .models import SearchToken

    table = connection.ops.quote_name(SearchToken._meta.db_table)
    with connection.cursor() as cursor:
        if page_id is None:
            cursor.execute(f"DELETE FROM {table}")
        else:
            cursor.execute(f"DELETE FROM {table} WHERE document_id = %s", [page_id])


def remove_page(page_id: int) -> None:
    from .models import SearchDocument

    SearchDocument.objects.filter(pk=page_id).delete()  # its tokens on pre_delete


def index_tree(page) -> int:
    """Re-index `page` and its descendants of registered types (after a move)."""
    from wagtail.models import Page

    count = 0
    models = tuple(entry.model for entry in searchable_types())
    pages = Page.objects.filter(path__startswith=page.path).live().specific()
    for item in pages.iterator(chunk_size=200):
        if type(item) in models:
            count += index_page(item)
    return count


def rebuild(progress: Callable[[int], None] | None = None, batch_size: int = 200) -> int:
    """Write the whole index again from the live pages of every registered type.

    Page by page, in transactions of `batch_size` pages, each document replaced
    in place: search keeps answering (with the old or the new document of each
    page) and publishing is never held up for longer than one batch. Documents
    of pages no longer live or searchable are removed at the end.
    """
    from .models import SearchDocument, SearchToken

    indexed: set[int] = set()
    for entry in searchable_types():
        ids = list(entry.model.objects.live().order_by("path").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            with transaction.atomic():
                pages = entry.model.objects.live().filter(pk__in=chunk).order_by("path")
                for page in pages:
                    document, tokens = document_for(page, entry)
                    delete_tokens(page.pk)
                    document.save()
                    SearchToken.objects.bulk_create(
                        [SearchToken(token=token, document_id=page.pk) for token in tokens],
                        batch_size=1000,
                    )
                    indexed.add(page.pk)
            if progress:
                progress(len(chunk))
    stale = set(SearchDocument.objects.values_list("pk", flat=True)) - indexed
    for page_id in stale:
        remove_page(page_id)
    return len(indexed)


def page_published(sender, instance, **kwargs):
    from .models import SearchDocument

    if type_for(instance) is None:
        return
    before = SearchDocument.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
    index_page(instance)
    if before is not None and before != instance.title:
        # A renamed district: the pages in it are found by its name, so re-index them.
        members = SearchDocument.objects.filter(district_id=instance.pk).exclude(pk=instance.pk)
        for page_id in members.values_list("page_id", flat=True):
            reindex_by_id(page_id)


def reindex_by_id(page_id: int) -> None:
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        index_page(page)


def document_deleted(sender, instance, **kwargs):
    """pre_delete of a SearchDocument (also when its page is deleted): its tokens go first."""
    delete_tokens(instance.pk)


def page_unpublished(sender, instance, **kwargs):
    remove_page(instance.pk)


def page_moved(sender, instance, **kwargs):
    index_tree(instance)


# --- Shortcuts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Shortcut:
    url: str
    label: str  # HTML, escaped by whoever made it


def shortcuts(request, query: str) -> list[Shortcut]:
    """Every shortcut the apps offer for `query` (`portal_search_shortcuts`)."""
    return [
        link for hook in hooks.get_hooks("portal_search_shortcuts") for link in hook(request, query)
    ]


# --- The query ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    page_id: int
    doc_type: str
    district_id: int | None


@dataclass
class SearchResults:
    """Every match of a query, in rank order, with counts by type and by district."""

    words: list[str]
    matches: list[Match] = field(default_factory=list)
    type_counts: Counter = field(default_factory=Counter)
    district_counts: Counter = field(default_factory=Counter)

    def filtered(self, doc_type: str = "", district_id: int | None = None) -> list[Match]:
        return [
            match
            for match in self.matches
            if (not doc_type or match.doc_type == doc_type)
            and (district_id is None or match.district_id == district_id)
        ]


def _holders(tokens: set[str]):
    """The ids of the documents that have every one of `tokens` (a subquery)."""
    from .models import SearchToken

    return (
        SearchToken.objects.filter(token__in=tokens)
        .values("document_id")
        .annotate(found=Count("token"))
        .filter(found=len(tokens))
        .values("document_id")
    )


def _contains(form: str) -> Q:
    """A document holding `form`: its bigrams through the token index, then the text itself."""
    tokens = japanese.bigrams(form)
    found = Q(text__contains=form)
    return Q(page_id__in=_holders(tokens)) & found if tokens else found


def match_queryset(terms: list[japanese.QueryTerm], locale):
    """The documents matching every term (in one of its forms), best first (a lazy
    queryset, one query)."""
    from .models import SearchDocument
    from .privacy import public

    queryset = SearchDocument.objects.filter(locale=locale, page__live=True)
    # Terms of one form share one token subquery, as before forms existed.
    single = [term.forms[0] for term in terms if len(term.forms) == 1]
    tokens = set().union(*(japanese.bigrams(form) for form in single))
    if tokens:
        queryset = queryset.filter(page_id__in=_holders(tokens))
    for form in single:
        queryset = queryset.filter(text__contains=form)
    for term in terms:
        if len(term.forms) > 1:
            queryset = queryset.filter(
                functools.reduce(lambda a, b: a | b, map(_contains, term.forms))
            )
    # Pages behind a password or login (and everything under them) are not public.
    queryset = public(queryset, path_field="page__path")
    title_hit = Q()
    for term in terms:
        title_hit &= functools.reduce(
            lambda a, b: a | b, (Q(title_text__contains=form) for form in term.forms)
        )
    return queryset.annotate(
        title_hit=Case(
            When(title_hit, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        title_length=Length("title"),
    ).order_by("-title_hit", "title_length", "title", "page_id")


def search(query: str, locale) -> SearchResults:
    """All matches of `query` among `locale`'s pages: two queries, whatever their number."""
    terms = japanese.query_terms(query)
    results = SearchResults(words=[term.word for term in terms])
    if not terms:
        return results
    rows = match_queryset(terms, locale).values_list("page_id", "doc_type", "district_id")
    results.matches = [Match(*row) for row in rows]
    results.type_counts = Counter(match.doc_type for match in results.matches)
    results.district_counts = Counter(
        match.district_id for match in results.matches if match.district_id
    )
    return results
