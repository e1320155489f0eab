from allauth.idp.oidc.adapter import DefaultOIDCAdapter


class Adapter(DefaultOIDCAdapter):
    """The user's groups at the provider as a `groups` claim (as Entra ID sends them), and
    an authentication level (`acr`) as ID-porten does."""

    def get_claims(self, purpose, user, client, scopes, email=None, **kwargs):
        claims = super().get_claims(purpose, user, client, scopes, email=email, **kwargs)
        claims["groups"] = sorted(user.groups.values_list("name", flat=True))
        claims["acr"] = "idporten-loa-substantial"
        return claims
