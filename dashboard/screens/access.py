"""Who is looking: a viewer's role and organisations from the OIDC claims and the
administrator's configuration, and what that viewer may see (docs/DESIGN.md §7).

Pure: the UI reads `st.user` and `st.secrets` and passes them in as plain mappings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dashboard.domain.roles import BEHEERDER, PUBLIEK, ROLES, TEAMLEIDER, highest, may_open

# The claim that carries a user's groups or app roles, unless the configuration names
# another (Entra ID: "groups" or "roles"; Keycloak: "groups").
DEFAULT_GROUP_CLAIM = "groups"


class AccessConfigError(ValueError):
    """The role configuration cannot be used; the message is Dutch and meant for the administrator."""


@dataclass(frozen=True)
class Viewer:
    """The person looking at the dashboard, as far as rights go."""

    role: str
    organisaties: frozenset[str] = frozenset()
    name: str | None = None
    email: str | None = None
    logged_in: bool = False
    # shown with "Bekijk als" (no login configured, demo data): a role chosen to look around
    chosen: bool = False

    def may_open(self, screen: str) -> bool:
        """Whether this viewer may open a screen (its script path)."""
        return may_open(self.role, screen)

    def sees_names_of(self, organisatie_id: object) -> bool:
        """Whether this viewer may see the names of an organisation's professionals."""
        return self.role == TEAMLEIDER and organisatie_id in self.organisaties

    @property
    def sees_names(self) -> bool:
        """Whether this viewer may see any professional's name."""
        return self.role == TEAMLEIDER and bool(self.organisaties)

    @property
    def sees_concept_verhalen(self) -> bool:
        """Whether this viewer may see verhalen not yet published (concepten): only the
        beheerder who enters and publishes them. Everyone else, the public first, sees
        published verhalen only (issue 16); the Wijkprofiel, always public, never asks."""
        return self.role == BEHEERDER

    @property
    def label(self) -> str:
        """Who this is, for the sidebar and the logs."""
        return self.name or self.email or "niet aangemeld"


PUBLIC = Viewer(PUBLIEK)


@dataclass(frozen=True)
class Grant:
    """What one configuration entry gives: a role and the organisations of a team lead."""

    role: str
    organisaties: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class AccessConfig:
    """The administrator's mapping of users (by e-mail) and groups (by claim value) to roles."""

    users: Mapping[str, Grant]
    groups: Mapping[str, Grant]
    group_claim: str = DEFAULT_GROUP_CLAIM


def _grant(where: str, entry: object) -> Grant:
    if not isinstance(entry, Mapping):
        raise AccessConfigError(
            f'{where}: verwacht rol = "..." (en bij een teamleider organisaties = [...]).'
        )
    role = entry.get("rol")
    if role not in ROLES:
        raise AccessConfigError(f"{where}: onbekende rol {role!r}; kies uit {', '.join(ROLES)}.")
    organisaties = entry.get("organisaties", [])
    if isinstance(organisaties, str) or not isinstance(organisaties, Iterable):
        raise AccessConfigError(f'{where}: organisaties moet een lijst zijn, zoals ["ORG1"].')
    orgs = frozenset(str(o) for o in organisaties)
    if role == TEAMLEIDER and not orgs:
        raise AccessConfigError(f"{where}: een teamleider heeft minstens één organisatie nodig.")
    return Grant(str(role), orgs)


def read_config(section: Mapping[str, object] | None) -> AccessConfig:
    """The `[toegang]` section of secrets.toml as an AccessConfig (empty when absent)."""
    if not section:
        return AccessConfig({}, {})
    users = section.get("gebruikers", {}) or {}
    groups = section.get("groepen", {}) or {}
    if not isinstance(users, Mapping) or not isinstance(groups, Mapping):
        raise AccessConfigError("[toegang]: gebruikers en groepen zijn tabellen, zie de README.")
    claim = section.get("groepsclaim", DEFAULT_GROUP_CLAIM)
    return AccessConfig(
        users={
            str(email).strip().lower(): _grant(f'[toegang.gebruikers."{email}"]', entry)
            for email, entry in users.items()
        },
        groups={
            str(name): _grant(f'[toegang.groepen."{name}"]', entry)
            for name, entry in groups.items()
        },
        group_claim=str(claim),
    )


def _claim_values(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def viewer_of(user: Mapping[str, object], config: AccessConfig) -> Viewer:
    """The viewer a logged-in user is: every matching entry (e-mail and groups) counts, the
    highest role wins, a team lead's organisations add up; nobody in the mapping is publiek."""
    if not user.get("is_logged_in", False):
        return PUBLIC
    email = str(user.get("email") or "").strip().lower()
    # an address the provider says is not verified could be anyone's: it grants nothing
    verified = str(user.get("email_verified", True)).strip().lower() not in ("false", "0", "no")
    grants = [config.users[email]] if verified and email in config.users else []
    for group in _claim_values(user.get(config.group_claim)):
        if group in config.groups:
            grants.append(config.groups[group])
    role = highest([g.role for g in grants])
    organisaties = frozenset(
        org for g in grants if g.role == role == TEAMLEIDER for org in g.organisaties
    )
    name = user.get("name")
    return Viewer(
        role=role,
        organisaties=organisaties,
        name=str(name) if name else None,
        email=email or None,
        logged_in=True,
    )


def chosen_viewer(role: str, organisaties: Iterable[str]) -> Viewer:
    """The viewer of "Bekijk als" (demo data, no login configured): a team lead sees the
    names of the given organisations (the demo's own, made-up professionals)."""
    if role not in ROLES:
        return PUBLIC
    orgs = frozenset(organisaties) if role == TEAMLEIDER else frozenset()
    return Viewer(role=role, organisaties=orgs, chosen=True)


def may_import(viewer: Viewer) -> bool:
    """Only a real beheerder imports: logged in, or the administrator running the app for
    themselves (WIJKDASHBOARD_LOKAAL). "Bekijk als" only shows what a beheerder sees: an
    import there could bring real names into a dashboard that nobody logs in to."""
    return viewer.role == BEHEERDER and not viewer.chosen
