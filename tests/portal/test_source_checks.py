"""`manage.py check_sources` (the lint step of `make test`): conflict markers, stylesheets,
templates."""

from pathlib import Path

from django.conf import settings

from portal.source_checks import (
    check_sources,
    conflict_markers,
    css_problems,
    read_text,
    template_problems,
)


def test_the_committed_sources_have_no_problem():
    assert [str(problem) for problem in check_sources(Path(settings.BASE_DIR))] == []


def test_a_lone_separator_left_by_a_merge_is_found_on_its_line():
    text = ".a { color: red; }\n=======\n\n.b { color: blue; }\n"

    assert [problem.line for problem in conflict_markers("x.css", text)] == [2]


def test_each_marker_of_a_whole_conflict_is_found():
    text = "<<<<<<< HEAD\nう\n=======\nえ\n>>>>>>> wt-places\n"

    assert len(conflict_markers("x.html", text)) == 3


def test_a_longer_heading_underline_is_not_a_marker():
    assert conflict_markers("README.md", "参加支援\n========\n") == []


def test_a_binary_file_is_not_read(tmp_path):
    icon = tmp_path / "favicon.ico"
    icon.write_bytes(b"\0\0\1\0=======\n")

    assert read_text(icon) is None


def test_a_stray_line_that_swallows_the_next_rule_is_not_a_selector():
    css = ".a { color: red; }\n=======\n\n.site-search { gap: 0; }\n"

    problems = css_problems("portal.css", css)

    assert [problem.line for problem in problems] == [2]


def test_a_declaration_without_a_value_is_reported():
    problems = css_problems("portal.css", ".a { color red; }\n")

    assert problems[0].message.startswith("not a declaration")


def test_an_unclosed_block_inside_media_is_reported():
    problems = css_problems("portal.css", "@media (min-width: 45rem) { .a { ====== } }\n")

    assert len(problems) == 1


def test_ordinary_modern_css_reads_without_a_problem():
    css = """
    :root { --brand: #0b5394; }
    a[href^="tel:"]:not(.button) > span + b ~ i, *::before { color: var(--brand); }
    @media (prefers-reduced-motion: no-preference) { .x:hover { transition: color 0.2s; } }
    @keyframes spin { from { rotate: 0deg; } 50% { rotate: 180deg; } to { rotate: 360deg; } }
    @font-face { font-family: "Portal"; src: url(portal.woff2) format("woff2"); }
    .card { & .title { font-weight: bold; } }
    """

    assert css_problems("portal.css", css) == []


def test_a_template_that_does_not_compile_is_reported_with_its_line(tmp_path):
    folder = tmp_path / "templates"
    (folder / "portal").mkdir(parents=True)
    (folder / "portal" / "broken.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{% if x %}\n{% endblock %}\n',
        encoding="utf-8",
    )

    problems = template_problems(folder, tmp_path)

    assert [(problem.path, problem.line) for problem in problems] == [
        ("templates/portal/broken.html", 4)
    ]


def test_a_template_with_an_unknown_library_is_reported(tmp_path):
    (tmp_path / "page.html").write_text("{% load no_such_tags %}\n", encoding="utf-8")

    assert len(template_problems(tmp_path, tmp_path)) == 1


def test_templates_using_the_projects_tags_compile(tmp_path):
    (tmp_path / "page.html").write_text(
        "{% load i18n wagtailcore_tags portal_tags %}{% translate 'Search' %}{% home_url %}",
        encoding="utf-8",
    )

    assert template_problems(tmp_path, tmp_path) == []
