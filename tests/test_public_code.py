"""Open public code (issue 15 item 3): the licence, publiccode.yml against its schema, the
changelog's format, and the documents the README links to."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import tomllib
from typing import Any

import jsonschema
import pytest
import yaml

from dashboard.config import PROJECT_ROOT

SCHEMA = PROJECT_ROOT / "tests" / "data" / "publiccode" / "publiccode.schema.json"
# sha256 of `licenseText` in licenses/EUPL-1.2.json of the npm package spdx-license-list
# 6.12.0 (the SPDX licence list's text of the EUPL v1.2); LICENSE is that text plus a newline.
SPDX_EUPL_12_SHA256 = "d126070e53a97387b339cc1b4c794e9bc134df061d6cb5ab37cef0bfe986228a"


def _publiccode() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # The 2022 schema lists releaseDate as required, while its own description (and the
    # standard) makes it mandatory only once a version was released; newer versions of the
    # schema made it optional. That rule is checked separately below.
    assert (
        "mandatory if the software has been released"
        in (schema["properties"]["releaseDate"]["description"])
    )
    schema["required"].remove("releaseDate")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_licence_is_the_spdx_text_of_the_eupl_1_2():
    text = (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert hashlib.sha256(text[:-1].encode("utf-8")).hexdigest() == SPDX_EUPL_12_SHA256
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")


def test_the_licence_is_the_same_everywhere():
    project = _pyproject()["project"]
    assert project["license"] == "EUPL-1.2"
    assert project["license-files"] == ["LICENSE"]
    assert _publiccode()["legal"]["license"] == "EUPL-1.2"


def test_publiccode_passes_the_schema():
    errors = sorted(_validator().iter_errors(_publiccode()), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d.pop("legal"), "'legal' is a required property"),
        (lambda d: d.update(developmentStatus="klaar"), "'klaar' is not one of"),
        (lambda d: d["description"]["nl"].update(shortDescription="x" * 151), "is too long"),
        (lambda d: d["description"]["en"].update(longDescription="kort"), "is too short"),
        (lambda d: d.update(releaseDate="5 december 2026"), "is not a 'date'"),
        (lambda d: d.update(onbekend=1), "is not of type 'object'"),
    ],
)
def test_the_schema_check_would_catch_a_broken_file(change, complaint):
    broken = copy.deepcopy(_publiccode())
    change(broken)
    messages = [e.message for e in _validator().iter_errors(broken)]
    assert any(complaint in m for m in messages), messages


def test_publiccode_agrees_with_the_project():
    code = _publiccode()
    assert code["name"] == "Wijkdashboard"
    # a version and its release date come together (none yet: CHANGELOG has only Unreleased)
    assert ("softwareVersion" in code) == ("releaseDate" in code)
    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if "softwareVersion" in code:
        assert code["softwareVersion"] == _pyproject()["project"]["version"]
        assert f"## [{code['softwareVersion']}] - {code['releaseDate']}" in changelog
    else:
        assert not re.search(r"^## \[\d", changelog, re.M)
    assert set(code["description"]) == {"nl", "en"}
    assert code["localisation"]["availableLanguages"][0] == "nl"
    for language in code["description"].values():
        for shot in language.get("screenshots", []):
            assert (PROJECT_ROOT / shot).is_file(), shot
        assert 5 <= len(language["features"]) <= 20
    # the runtime version it names is the one pinned
    duckdb = next(d for d in code["dependsOn"]["open"] if d["name"] == "DuckDB")
    assert f"duckdb=={duckdb['version']}" in _pyproject()["project"]["dependencies"]


def test_changelog_follows_keep_a_changelog():
    text = (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/en/1.1.0/" in text
    versions = re.findall(r"^## (.+)$", text, re.M)
    assert versions[0] == "[Unreleased]"
    for v in versions[1:]:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", v), v
    kinds = set(re.findall(r"^### (.+)$", text, re.M))
    assert kinds and kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


DOCUMENTS = (
    "LICENSE",
    "publiccode.yml",
    "CONTRIBUTING.md",
    "SECURITY.md",
    "CHANGELOG.md",
    "docs/bronnen.md",
    "docs/container.md",
)


def test_the_readme_links_the_open_source_documents():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#\s]+)", readme))
    assert set(DOCUMENTS) <= linked


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if d.endswith(".md")])
def test_relative_links_in_the_documents_resolve(document: str):
    path = PROJECT_ROOT / document
    targets = re.findall(r"\]\(([^)#\s]+)", path.read_text(encoding="utf-8"))
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    missing = [t for t in local if not (path.parent / t).exists()]
    assert missing == []


def test_the_data_sources_name_every_source_with_its_licence():
    sources = (PROJECT_ROOT / "docs" / "bronnen.md").read_text(encoding="utf-8")
    from dashboard.display import maps
    from dashboard.ingest.statline import KERNCIJFERS_TABELLEN

    # the attribution the maps show, and every StatLine table the importer can read
    assert maps.ATTRIBUTION_CBS.removeprefix("Kaart: ") in sources
    for table in KERNCIJFERS_TABELLEN.values():
        assert table in sources
    assert sources.count("CC-BY 4.0") >= 3
    assert "fictie" in sources
