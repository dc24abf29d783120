"""Domain services of firm self-service, split by concept (one module each); views import
from here. The decisions themselves are plain functions in ``directory/accounts/review.py``."""

from .editing import (  # noqa: F401
    EditConflict,
    NoChanges,
    apply_values,
    current_token,
    direct_edit,
    editing_start,
    open_change,
    snapshot,
    submit_change,
    withdraw_change,
)
from .freshness import (  # noqa: F401
    confirm_profile,
    stale_firms,
)
from .history import (  # noqa: F401
    RESTORABLE_FIELDS,
    restore_field,
)
from .invitations import (  # noqa: F401
    NewInvitation,
    accept_invitation,
    create_invitation,
    find_invitation,
    revoke_invitation,
    send_invitation,
)
from .reviewing import (  # noqa: F401
    ReviewConflict,
    approve_change,
    change_reason,
    notify_member,
    reject_change,
)
