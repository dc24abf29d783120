"""Optional error reporting: configured from settings only when SENTRY_DSN is set."""

from __future__ import annotations


def init_sentry(dsn: str, *, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        # Meeting notes and contacts are confidential: no request bodies, cookies or users.
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
    )
