"""Single sign-on by OpenID Connect with PKCE (issue 13, finding 4): the mapping of a
provider's claim to Wagtail groups, whether its sign-in counts as the second factor, and the
whole authorization-code flow against a real provider on loopback (allauth's own, in a
process of its own: tests/oidc_provider). Before, the admin had no single sign-on."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth.models import Group, Permission

from byregion.settings import single_sign_on
from byregion.site.single_sign_on import counts_as_second_factor, set_groups

pytestmark = pytest.mark.django_db

MAPPING = {"org:974760673": ["Redaktørar"], "admins": ["Redaktørar", "Moderators"]}


def configure(settings, *providers: dict) -> None:
    settings.SOCIALACCOUNT_PROVIDERS, settings.BYREGION_SINGLE_SIGN_ON = single_sign_on(
        json.dumps(list(providers))
    )


@pytest.fixture
def groups():
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    made = {}
    for name in ("Redaktørar", "Moderators", "Handgitt"):
        made[name] = Group.objects.get_or_create(name=name)[0]
    made["Redaktørar"].permissions.add(access)
    return made


def test_the_setting_turns_on_pkce_and_keeps_the_rules_apart_from_the_secret():
    apps, rules = single_sign_on(
        json.dumps(
            [
                {
                    "id": "idporten",
                    "name": "ID-porten",
                    "issuer": "https://idporten.no",
                    "client_id": "abc",
                    "secret": "hemmeleg",
                    "groups_claim": "pid",
                    "groups": {"x": ["Redaktørar"]},
                    "second_factor": True,
                    "second_factor_acr": ["idporten-loa-high"],
                }
            ]
        )
    )
    app = apps["openid_connect"]["APPS"][0]
    assert apps["openid_connect"]["OAUTH_PKCE_ENABLED"] is True
    assert app["settings"]["server_url"] == "https://idporten.no"
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert "hemmeleg" not in json.dumps(rules)
    assert rules["idporten"]["create_users"] is False


def test_a_broken_setting_says_what_is_wrong():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="BYREGION_OIDC_PROVIDERS"):
        single_sign_on('[{"id": "x"}]')


def test_the_claim_adds_and_removes_only_the_mapped_groups(settings, groups, django_user_model):
    configure(settings, {"id": "entra", "name": "Entra ID", "issuer": "https://x", "client_id": "c",
                         "groups_claim": "groups", "groups": MAPPING})  # fmt: skip
    user = django_user_model.objects.create_user("sso")
    user.groups.add(groups["Handgitt"], groups["Moderators"])
    set_groups(user, "entra", {"groups": ["org:974760673", "something-else"]})
    assert set(user.groups.values_list("name", flat=True)) == {"Redaktørar", "Handgitt"}
    set_groups(user, "entra", {"groups": "admins"})
    assert set(user.groups.values_list("name", flat=True)) == {
        "Redaktørar",
        "Moderators",
        "Handgitt",
    }
    set_groups(user, "entra", {})
    assert set(user.groups.values_list("name", flat=True)) == {"Handgitt"}


# Ansattporten's answer for a person acting for two organisations, in the shape Digdir
# documents: each `authorization_details` entry names reportees by ISO 6523 identifier
# (0192 is the Norwegian organisation number register). The numbers are public records:
# Distriktssenteret's and Ålesund kommune's.
ANSATTPORTEN_CLAIMS = {
    "sub": "abc",
    "authorization_details": [
        {
            "type": "ansattporten:altinn:service",
            "resource": "urn:altinn:resource:2480:40",
            "reportees": [
                {"Rights": ["Read"], "Authority": "iso6523-actorid-upis",
                 "ID": "0192:974760673", "Name": "Distriktssenteret"},
                {"Rights": ["Read"], "Authority": "iso6523-actorid-upis",
                 "ID": "0192:942953119", "Name": "Ålesund kommune"},
            ],
        }
    ],
}  # fmt: skip


def test_ansattporten_organisations_in_authorization_details_give_groups(
    settings, groups, django_user_model
):
    """A path into a structured claim (`[]` for each item of a list) reads Ansattporten's
    organisations; the mapping's keys are their identifiers."""
    configure(settings, {"id": "ansattporten", "name": "Ansattporten", "issuer": "https://x",
                         "client_id": "c",
                         "groups_claim": "authorization_details[].reportees[].ID",
                         "groups": {"0192:974760673": ["Redaktørar"]}})  # fmt: skip
    user = django_user_model.objects.create_user("ansatt")
    set_groups(user, "ansattporten", ANSATTPORTEN_CLAIMS)
    assert set(user.groups.values_list("name", flat=True)) == {"Redaktørar"}
    set_groups(user, "ansattporten", {"authorization_details": []})
    assert not user.groups.exists()
    # A claim of another shape gives nothing, and breaks nothing.
    set_groups(user, "ansattporten", {"authorization_details": "unexpected"})
    assert not user.groups.exists()


def test_a_provider_counts_as_the_second_factor_only_when_configured(settings):
    base = {"name": "n", "issuer": "https://x", "client_id": "c"}
    configure(
        settings,
        {"id": "entra", **base},
        {"id": "ansattporten", **base, "second_factor": True},
        {"id": "idporten", **base, "second_factor": True,
         "second_factor_acr": ["idporten-loa-high"]},
    )  # fmt: skip
    assert not counts_as_second_factor("entra", None)
    assert counts_as_second_factor("ansattporten", None)
    assert counts_as_second_factor("idporten", "idporten-loa-high")
    assert not counts_as_second_factor("idporten", "idporten-loa-substantial")
    assert not counts_as_second_factor("unknown", "idporten-loa-high")


def provider_signs_in(provider, authorize_url: str) -> str:
    """The user at the provider: open the authorization address, sign in there, and return
    where the provider sends the browser back (the site's callback with code and state)."""
    browser = requests.Session()
    answer = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:500]
    login = provider.issuer + answer.headers["Location"]
    browser.get(login, timeout=10)
    answer = browser.post(
        login,
        {
            "login": provider.username,
            "password": provider.password,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    while answer.headers["Location"].startswith(("/", provider.issuer)):
        location = answer.headers["Location"]
        url = location if location.startswith("http") else provider.issuer + location
        answer = browser.get(url, allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def test_the_code_flow_with_pkce_against_a_real_provider(
    client, settings, groups, oidc_provider, django_user_model
):
    configure(
        settings,
        oidc_provider.app(
            groups_claim="groups",
            groups={oidc_provider.group: ["Redaktørar"]},
            create_users=True,
        ),
    )
    oidc_provider.allow_redirects_to("http://testserver/accounts/oidc/lokal/login/callback/")

    start = client.post("/accounts/oidc/lokal/login/?next=/admin/pages/")
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(oidc_provider.issuer)
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["client_id"] == [oidc_provider.client_id]

    back = provider_signs_in(oidc_provider, authorize)
    assert back.startswith("http://testserver/accounts/oidc/lokal/login/callback/?")
    assert "code=" in back

    done = client.get(back.removeprefix("http://testserver"))
    assert done.status_code == 302, done.content.decode()[-3000:]
    assert done["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    user = django_user_model.objects.get(socialaccount__provider="lokal")
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktørar"]
    assert user.email == "sso-redaktor@example.invalid"


def test_without_create_users_a_stranger_is_not_let_in(
    client, settings, groups, oidc_provider, django_user_model
):
    configure(settings, oidc_provider.app(groups={oidc_provider.group: ["Redaktørar"]}))
    oidc_provider.allow_redirects_to("http://testserver/accounts/oidc/lokal/login/callback/")
    start = client.post("/accounts/oidc/lokal/login/?next=/admin/")
    back = provider_signs_in(oidc_provider, start["Location"])
    client.get(back.removeprefix("http://testserver"))
    assert not django_user_model.objects.filter(socialaccount__provider="lokal").exists()
    assert client.get("/admin/").status_code == 302


def test_the_sign_in_page_lets_its_forms_go_on_to_the_providers(client, settings):
    idporten = {
        "id": "idporten",
        "name": "ID-porten",
        "issuer": "https://idporten.no",
        "client_id": "c",
        "authorization_origins": ["https://login.idporten.no"],
    }
    entra = {"id": "entra", "name": "Entra ID", "client_id": "c",
             "issuer": "https://login.microsoftonline.com/tenant-id/v2.0"}  # fmt: skip
    configure(settings, idporten, entra)
    response = client.get("/accounts/login/")
    assert response._csp_update["form-action"] == [
        "https://login.idporten.no",
        "https://login.microsoftonline.com",
    ]
    page = response.content.decode()
    assert 'action="/accounts/oidc/idporten/login/"' in page and "Entra ID" in page
