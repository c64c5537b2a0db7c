"""Free text of the dossier, secret at rest: a key per pupil, wrapped with the master key.

- The master key comes from the environment (`SMW_DATA_KEY`, 32 random bytes in urlsafe
  base64, `python manage.py rotate_data_key --new` prints one). The demo and the tests make one
  under `var/` when it is unset; production refuses to start without it (smw/settings.py).
- Each pupil has a random 256-bit key (vault.models.PupilKey), stored only wrapped with the
  master key (AES-GCM). Text of the pupil's dossier is sealed with it (AES-GCM, a fresh nonce
  each time) as `smw1:<key id>:<base64 of nonce + ciphertext>`; the key id and the prefix are
  the authenticated data, so a sealed text cannot be moved to another pupil's key.
- `destroy_pupil_key(pupil_id)` deletes the key: every text sealed with it is unreadable for
  good, also in a backup restored later once the key is deleted there again.
- Unwrapped keys are cached per process for SMW_DATA_KEY_CACHE_SECONDS; keys met while rows
  are read are fetched together in one query on first use (no query per row or per pupil).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import threading
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction

PREFIX = "smw1:"
_AFTER_PREFIX = len(PREFIX)
_WRAP_AAD = b"smw-pupil-key"
ANONYMOUS = None  # the "pupil" of text that belongs to no pupil


class KeyDestroyed(Exception):
    """The text was sealed with a pupil key that has been destroyed: it cannot be read."""


class Unreadable(Exception):
    """A sealed text or a wrapped key that does not open: tampered, or the wrong master key."""


# --- The master key ---------------------------------------------------------------------------


def parse_master_key(value: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(value.strip() + "=" * (-len(value.strip()) % 4))
    except ValueError as error:
        raise ImproperlyConfigured("SMW_DATA_KEY is not urlsafe base64.") from error
    if len(key) != 32:
        raise ImproperlyConfigured("SMW_DATA_KEY must be 32 bytes (44 characters of base64).")
    return key


def new_master_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def fingerprint(master: bytes) -> str:
    return hashlib.sha256(master).hexdigest()[:16]


def key_file_value(path: Path) -> str:
    """The demo's master key kept in `path`, made on first use (never in production)."""
    path = Path(path)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = new_master_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it just now
        time.sleep(0.05)
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(value + "\n")
    return value


def master_keys() -> tuple[bytes, bytes | None]:
    """The current master key, and the previous one while a rotation is under way."""
    value = settings.SMW_DATA_KEY or key_file_value(settings.SMW_DATA_KEY_FILE)
    old = settings.SMW_DATA_KEY_OLD
    return parse_master_key(value), parse_master_key(old) if old else None


def wrap(pupil_key: bytes, master: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(master).encrypt(nonce, pupil_key, _WRAP_AAD)


def unwrap(wrapped: bytes, master: bytes) -> bytes:
    wrapped = bytes(wrapped)
    try:
        return AESGCM(master).decrypt(wrapped[:12], wrapped[12:], _WRAP_AAD)
    except InvalidTag as error:
        raise Unreadable("a pupil key does not open with this master key") from error


def unwrap_row(wrapped: bytes, master_print: str) -> bytes:
    """A stored pupil key, unwrapped with whichever configured master key wrapped it."""
    current, old = master_keys()
    for master in (current, old):
        if master is not None and fingerprint(master) == master_print:
            return unwrap(wrapped, master)
    raise ImproperlyConfigured(
        "A pupil key was wrapped with a master key that is not configured: set SMW_DATA_KEY "
        "(and, during a rotation, SMW_DATA_KEY_OLD) to the right keys."
    )


# --- The cache of unwrapped keys --------------------------------------------------------------


class _Cache:
    """Per process. `ciphers`: key id -> AESGCM; `pupils`: pupil id -> key id, filled only with
    committed keys (a key made in a transaction that rolls back must not be used again)."""

    def __init__(self) -> None:
        self.ciphers: dict[int, tuple[AESGCM, float]] = {}
        self.pupils: dict[int | None, tuple[int, float]] = {}
        self.local = threading.local()

    def ttl(self) -> float:
        return time.monotonic() + settings.SMW_DATA_KEY_CACHE_SECONDS

    def cipher(self, key_id: int) -> AESGCM | None:
        entry = self.ciphers.get(key_id)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    def pupil_key_id(self, pupil_id: int | None) -> int | None:
        entry = self.pupils.get(pupil_id)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    @property
    def pending(self) -> set[int]:
        if not hasattr(self.local, "pending"):
            self.local.pending = set()
        return self.local.pending

    def forget(self, key_ids=(), pupil_ids=()) -> None:
        for key_id in key_ids:
            self.ciphers.pop(key_id, None)
        for pupil_id in pupil_ids:
            self.pupils.pop(pupil_id, None)

    def clear(self) -> None:
        self.ciphers.clear()
        self.pupils.clear()
        self.pending.clear()


_cache = _Cache()


def forget_cached_keys() -> None:
    """Drop every unwrapped key this process holds (after a rotation or a restore)."""
    _cache.clear()


def note_key_seen(key_id: int) -> None:
    """A row with text sealed under `key_id` was read: fetch it with the others on first use."""
    if _cache.cipher(key_id) is None:
        _cache.pending.add(key_id)


def note_sealed(token: str) -> None:
    """note_key_seen for a sealed value as it comes from the database (called for every one:
    kept to a dictionary look-up when the key is known)."""
    key_id = int(token[_AFTER_PREFIX : token.index(":", _AFTER_PREFIX)])
    if key_id not in _cache.ciphers:
        _cache.pending.add(key_id)


def _remember_pupil(pupil_id: int | None, key_id: int) -> None:
    def remember() -> None:
        _cache.pupils[pupil_id] = (key_id, _cache.ttl())

    if connection.in_atomic_block:
        transaction.on_commit(remember)
    else:
        remember()


def cipher_for_key(key_id: int) -> AESGCM:
    """The unwrapped key `key_id`; with it, every key noted while reading rows, in one query."""
    from vault.models import PupilKey

    cipher = _cache.cipher(key_id)
    if cipher is not None:
        return cipher
    wanted = {key_id} | _cache.pending
    _cache.pending.clear()
    for pk, wrapped, master in PupilKey.objects.filter(pk__in=wanted).values_list(
        "pk", "wrapped", "master"
    ):
        _cache.ciphers[pk] = (AESGCM(unwrap_row(wrapped, master)), _cache.ttl())
    cipher = _cache.cipher(key_id)
    if cipher is None:
        raise KeyDestroyed(key_id)
    return cipher


def key_for_pupil(pupil_id: int | None) -> tuple[int, AESGCM]:
    """The pupil's key (id and cipher), made when the pupil has none yet."""
    from vault.models import PupilKey

    key_id = _cache.pupil_key_id(pupil_id)
    if key_id is not None:
        try:
            return key_id, cipher_for_key(key_id)
        except KeyDestroyed:
            _cache.forget(pupil_ids=[pupil_id])
    row = PupilKey.objects.filter(pupil_id=pupil_id).values_list("pk", "wrapped", "master").first()
    if row is None:
        current, _old = master_keys()
        plain = AESGCM.generate_key(bit_length=256)
        try:
            with transaction.atomic():
                made = PupilKey.objects.create(
                    pupil_id=pupil_id, wrapped=wrap(plain, current), master=fingerprint(current)
                )
        except IntegrityError:  # made by another request at the same moment
            row = PupilKey.objects.values_list("pk", "wrapped", "master").get(pupil_id=pupil_id)
        else:
            row = (made.pk, None, None)
            _cache.ciphers[made.pk] = (AESGCM(plain), _cache.ttl())
    key_id, wrapped, master = row
    if wrapped is not None:
        _cache.ciphers[key_id] = (AESGCM(unwrap_row(wrapped, master)), _cache.ttl())
    _remember_pupil(pupil_id, key_id)
    return key_id, _cache.cipher(key_id) or cipher_for_key(key_id)


# --- Sealing and opening text ----------------------------------------------------------------


def _aad(key_id: int) -> bytes:
    return f"{PREFIX}{key_id}".encode()


def seal_with(plaintext: str, key_id: int, cipher: AESGCM) -> str:
    nonce = secrets.token_bytes(12)
    sealed = cipher.encrypt(nonce, plaintext.encode(), _aad(key_id))
    return f"{PREFIX}{key_id}:{binascii.b2a_base64(nonce + sealed, newline=False).decode()}"


def seal(plaintext: str, pupil_id: int | None) -> str:
    """`plaintext` sealed with the pupil's key ("" stays ""; nothing secret in nothing)."""
    if not plaintext:
        return plaintext
    key_id, cipher = key_for_pupil(pupil_id)
    return seal_with(plaintext, key_id, cipher)


def is_sealed(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def key_id_of(token: str) -> int:
    return int(token[len(PREFIX) : token.index(":", len(PREFIX))])


def open_sealed(token: str) -> str:
    """The text of a sealed value. KeyDestroyed when its pupil key is gone."""
    try:
        colon = token.index(":", _AFTER_PREFIX)
        key_id = int(token[_AFTER_PREFIX:colon])
        raw = binascii.a2b_base64(token[colon + 1 :], strict_mode=True)
    except (ValueError, binascii.Error) as error:
        raise Unreadable("not a sealed text") from error
    for attempt in (1, 2):
        cipher = cipher_for_key(key_id)
        try:
            return cipher.decrypt(raw[:12], raw[12:], _aad(key_id)).decode()
        except InvalidTag as error:
            if attempt == 2:
                raise Unreadable(f"sealed text under key {key_id} does not open") from error
            # the key may have been replaced (rotate_data_key --reencrypt): read it again
            _cache.forget(key_ids=[key_id])
    raise AssertionError  # not reached


def reveal(value):
    """A value as read with `.values()`/`.values_list()`: opened when sealed, else as it is."""
    return open_sealed(value) if is_sealed(value) else value


# --- Destroying a pupil's key -----------------------------------------------------------------


def destroy_pupil_key(pupil_id: int) -> bool:
    """Delete the pupil's key: every text of the pupil sealed with it is unreadable for good.

    Returns whether there was a key. Run it in the transaction that destroys the dossier; other
    processes drop their cached copy within SMW_DATA_KEY_CACHE_SECONDS.
    """
    from vault.models import PupilKey

    if pupil_id is None:
        raise ValueError("the anonymous key is not a pupil's key")
    key_ids = list(PupilKey.objects.filter(pupil_id=pupil_id).values_list("pk", flat=True))
    PupilKey.objects.filter(pk__in=key_ids).delete()
    _cache.forget(key_ids=key_ids, pupil_ids=[pupil_id])
    return bool(key_ids)
