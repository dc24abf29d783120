"""Demo accounts (filled in by the accounts feature)."""


def load_accounts(stdout=None) -> None:
    return None
