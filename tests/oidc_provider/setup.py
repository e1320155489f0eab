"""Fill the test provider's fresh database: one client (confidential, the code flow, no
consent screen) and one user in a group. Run by server.py as
`python -m tests.oidc_provider.setup` with the provider's settings."""

import os

import django


def main() -> None:
    django.setup()
    from allauth.account.models import EmailAddress
    from allauth.idp.oidc.models import Client
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        os.environ["OIDC_USER"], "sso-redaktor@example.invalid", os.environ["OIDC_PASSWORD"]
    )
    user.first_name, user.last_name = "Sigrid", "Singel"
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    user.groups.add(Group.objects.create(name=os.environ["OIDC_USER_GROUP"]))
    client = Client(
        id=os.environ["OIDC_CLIENT_ID"],
        name="Byregion",
        type=Client.Type.CONFIDENTIAL,
        skip_consent=True,
    )
    client.set_secret(os.environ["OIDC_CLIENT_SECRET"])  # kept hashed
    client.set_scopes(["openid", "profile", "email"])
    client.set_default_scopes(["openid", "profile", "email"])
    client.save()


if __name__ == "__main__":
    main()
