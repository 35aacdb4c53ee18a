"""The envelope around an exchange document: signed by the sender (Ed25519, `cryptography`), then
encrypted in the age format (`pyrage`) to one or more recipients or to a passphrase. No crypto of
our own: this module only frames the bytes and turns the libraries' failures into Dutch sentences.

A signed file is `MAGIC`, one line of JSON naming the signer and carrying the signature, then the
document. The signature covers a domain tag and the document, so it cannot be moved to another
kind of file. A plain export (asked for explicitly) is the signed file without the encryption.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from planner.exchange.errors import DamagedFileError, SignatureError, UnknownSignerError, WrongKeyError

MAGIC = b"TRAJECTPLANNER-GETEKEND 1\n"
_TAG = b"trajectplanner-exchange-signature-v1\n"
_AGE = (b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----")
SIGNING_PREFIX = "ed25519:"


def signing_public_text(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SIGNING_PREFIX + base64.b64encode(raw).decode("ascii")


def signing_public_from(text: str) -> Ed25519PublicKey:
    """The signing key written as `ed25519:<base64>`; ValueError when it is not one."""
    if not text.startswith(SIGNING_PREFIX):
        raise ValueError(text)
    try:
        raw = base64.b64decode(text[len(SIGNING_PREFIX) :], validate=True)
    except binascii.Error:
        raise ValueError(text) from None
    if len(raw) != 32:
        raise ValueError(text)
    return Ed25519PublicKey.from_public_bytes(raw)


def sign(payload: bytes, key: Ed25519PrivateKey) -> bytes:
    header = {
        "signer": signing_public_text(key.public_key()),
        "signature": base64.b64encode(key.sign(_TAG + payload)).decode("ascii"),
    }
    return MAGIC + json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + payload


def encrypt(signed: bytes, recipients: Sequence[str] = (), passphrase: str | None = None) -> bytes:
    """Encrypt to the age public keys (`age1...`) or, instead, to a passphrase."""
    if passphrase is not None:
        return bytes(pyrage.passphrase.encrypt(signed, passphrase))
    keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    return bytes(pyrage.encrypt(signed, keys))


def is_recipient(text: str) -> bool:
    try:
        pyrage.x25519.Recipient.from_str(text)
    except (pyrage.RecipientError, ValueError):
        return False
    return True


def is_encrypted(data: bytes) -> bool:
    return data.startswith(_AGE)


_DAMAGED = (
    "Het bestand is beschadigd of onvolledig (bijvoorbeeld afgebroken tijdens het kopiëren). "
    "Er is niets ingelezen; vraag de afzender het bestand opnieuw te sturen."
)


def decrypt(data: bytes, identities: Sequence[str] = (), passphrase: str | None = None) -> bytes:
    """The signed bytes inside an age file, with one of the identities (`AGE-SECRET-KEY-1...`) or the
    passphrase."""
    try:
        if passphrase is not None:
            return bytes(pyrage.passphrase.decrypt(data, passphrase))
        keys = [pyrage.x25519.Identity.from_str(i) for i in identities]
        return bytes(pyrage.decrypt(data, keys))
    except pyrage.DecryptError as exc:
        message = str(exc)
        if passphrase is not None and "failed" in message.lower():
            raise WrongKeyError(
                "Het wachtwoord past niet bij dit bestand. Controleer het wachtwoord en probeer het opnieuw."
            ) from None
        if "no matching keys" in message.lower():
            hint = (
                " Het is met een wachtwoord versleuteld: gebruik --passphrase-file."
                if b"scrypt" in data[:200]
                else ""
            )
            raise WrongKeyError(
                "Dit bestand is niet voor uw sleutel versleuteld." + hint + " Vraag de afzender het bestand "
                "voor uw openbare sleutel te maken (die toont 'trajectplanner keys show')."
            ) from None
        raise DamagedFileError(_DAMAGED) from None


@dataclass(frozen=True, slots=True)
class Opened:
    signer_key: str  # ed25519:<base64>
    signer_name: str  # from the trusted list
    view: memoryview  # the document, in place in the file's bytes (no copy of a large file)

    @property
    def payload(self) -> bytes:
        """The document's bytes (a copy)."""
        return bytes(self.view)


def verify(signed: bytes, trusted: Mapping[str, str]) -> Opened:
    """Check the signature, then that the signer is trusted (key text → name)."""
    if not signed.startswith(MAGIC):
        raise DamagedFileError(
            "Dit is geen (ondertekend) uitwisselingsbestand van de Trajectplanner, of het is beschadigd. "
            "Controleer of u het goede bestand koos."
        )
    # The document is read in place (a view): each copy of a large file costs as much as the check.
    end = signed.find(b"\n", len(MAGIC))
    newline = end >= 0
    line = signed[len(MAGIC) : end] if newline else signed[len(MAGIC) :]
    payload = memoryview(signed)[end + 1 :] if newline else memoryview(b"")
    try:
        header = json.loads(line.decode("ascii"))
        signer = str(header["signer"])
        signature = base64.b64decode(header["signature"], validate=True)
        key = signing_public_from(signer)
    except (
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
        binascii.Error,
        RecursionError,
    ):
        raise DamagedFileError(_DAMAGED) from None
    if not newline:
        raise DamagedFileError(_DAMAGED)
    try:
        key.verify(signature, _TAG + payload)
    except InvalidSignature:
        raise SignatureError(
            "De handtekening van het bestand klopt niet: het is na het ondertekenen veranderd of beschadigd. "
            "Er is niets ingelezen; vraag de afzender het bestand opnieuw te sturen."
        ) from None
    name = trusted.get(signer)
    if name is None:
        raise UnknownSignerError(
            "Het bestand is ondertekend door een onbekende afzender. Er is niets ingelezen. "
            f"Vertrouwt u de afzender, voeg dan diens sleutel toe met 'keys trust {signer} --name NAAM'."
        )
    return Opened(signer, name, payload)


def open_file(
    data: bytes,
    trusted: Mapping[str, str],
    identities: Sequence[str] = (),
    passphrase: str | None = None,
) -> Opened:
    """Decrypt (when encrypted) and verify a file: the trusted signer and the document bytes."""
    if is_encrypted(data):
        data = decrypt(data, identities, passphrase)
    return verify(data, trusted)
