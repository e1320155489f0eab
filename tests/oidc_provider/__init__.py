"""A real OpenID Connect provider for the single sign-on tests: django-allauth's own
(allauth.idp.oidc) in a Django process of its own on loopback (server.py starts it)."""
