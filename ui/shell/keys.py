"""The user's exchange identity and the trusted senders, as files in the config folder (0600 in a
0700 folder): an age identity to decrypt files sent to this user, an Ed25519 key to sign what this
user sends, and the list of senders whose files are accepted (domain.md §7).

The keys are made by `trajectplanner keys init` and never leave this folder; `keys show` prints
their public halves to hand to the office or a colleague.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from planner.exchange.envelope import signing_public_from, signing_public_text
from ui.shell import paths
from ui.shell.atomic import write_atomic

IDENTITY_FILE = "uitwisseling-identiteit.age"
SIGNING_FILE = "uitwisseling-ondertekening.pem"
TRUSTED_FILE = "vertrouwde-afzenders.json"
OWN_NAME = "uzelf"


class KeysError(Exception):
    """A Dutch sentence about the keys."""


@dataclass(frozen=True, slots=True)
class PublicKeys:
    recipient: str  # age1...: encrypt files for this user with it
    signing: str  # ed25519:...: files signed by this user carry it


class KeyStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else paths.config_dir()

    @property
    def identity_path(self) -> Path:
        return self.folder / IDENTITY_FILE

    @property
    def signing_path(self) -> Path:
        return self.folder / SIGNING_FILE

    @property
    def trusted_path(self) -> Path:
        return self.folder / TRUSTED_FILE

    def exists(self) -> bool:
        return self.identity_path.exists() and self.signing_path.exists()

    def init(self) -> PublicKeys:
        """Make the identity; an existing one is never replaced (files sent to it could not be read)."""
        if self.identity_path.exists() or self.signing_path.exists():
            raise KeysError(
                f"Er staan al sleutels in {self.folder}. Die worden niet vervangen: bestanden die voor "
                "deze sleutels zijn versleuteld, zouden dan niet meer te lezen zijn. 'keys show' toont ze."
            )
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        identity = pyrage.x25519.Identity.generate()
        public = str(identity.to_public())
        write_atomic(self.identity_path, f"# openbare sleutel: {public}\n{identity}\n".encode("ascii"))
        signing = Ed25519PrivateKey.generate()
        pem = signing.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        write_atomic(self.signing_path, pem)
        return self.public()

    def _missing(self) -> KeysError:
        return KeysError(
            "Er zijn nog geen sleutels voor het uitwisselen van bestanden. "
            "Maak ze met 'trajectplanner keys init'."
        )

    def identity(self) -> str:
        if not self.identity_path.exists():
            raise self._missing()
        return read_identity(self.identity_path)

    def signing_key(self) -> Ed25519PrivateKey:
        if not self.signing_path.exists():
            raise self._missing()
        return load_signing_key(self.signing_path)

    def public(self) -> PublicKeys:
        identity = pyrage.x25519.Identity.from_str(self.identity())
        return PublicKeys(str(identity.to_public()), signing_public_text(self.signing_key().public_key()))

    # --- trusted senders ------------------------------------------------------------------------

    def trusted(self) -> dict[str, str]:
        """Signing key text → name; this user's own key is trusted as "uzelf"."""
        try:
            found = {str(e["key"]): str(e["name"]) for e in self._entries()}
        except KeyError:
            raise KeysError(
                f"De lijst met vertrouwde afzenders ({self.trusted_path}) is beschadigd. "
                "Herstel of verwijder het bestand en voeg de afzenders opnieuw toe."
            ) from None
        if self.signing_path.exists():
            found.setdefault(signing_public_text(self.signing_key().public_key()), OWN_NAME)
        return found

    def offices(self) -> dict[str, str]:
        """The trusted senders marked as the office: only they may send the catalogue."""
        return {str(e["key"]): str(e["name"]) for e in self._entries() if e.get("office")}

    def _entries(self) -> list[dict[str, object]]:
        if not self.trusted_path.exists():
            return []
        try:
            entries = json.loads(self.trusted_path.read_text(encoding="utf-8"))
            assert isinstance(entries, list)
            return [dict(e) for e in entries]
        except (ValueError, TypeError, AssertionError):
            raise KeysError(
                f"De lijst met vertrouwde afzenders ({self.trusted_path}) is beschadigd. "
                "Herstel of verwijder het bestand en voeg de afzenders opnieuw toe."
            ) from None

    def senders(self) -> list[tuple[str, str, bool]]:
        """The trusted senders as stored: (name, signing key, is the office), in the order added."""
        try:
            return [(str(e["name"]), str(e["key"]), bool(e.get("office"))) for e in self._entries()]
        except KeyError:
            raise KeysError(
                f"De lijst met vertrouwde afzenders ({self.trusted_path}) is beschadigd. "
                "Herstel of verwijder het bestand en voeg de afzenders opnieuw toe."
            ) from None

    def trust(self, key: str, name: str, *, office: bool = False) -> None:
        try:
            signing_public_from(key)
        except ValueError:
            raise KeysError(
                f"'{key}' is geen ondertekeningssleutel. Die ziet eruit als 'ed25519:...' "
                "(de afzender ziet hem met 'trajectplanner keys show')."
            ) from None
        if not name.strip():
            raise KeysError("Geef de afzender een naam met --name, bijvoorbeeld de naam van de collega.")
        entries: list[dict[str, object]] = [e for e in self._entries() if e.get("key") != key]
        entries.append({"name": name.strip(), "key": key, "office": office})
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(self.trusted_path, json.dumps(entries, ensure_ascii=False, indent=2).encode("utf-8"))

    def untrust(self, key: str) -> bool:
        """Remove a sender from the list (this user's own key stays trusted); True if it was there."""
        entries = self._entries()
        kept = [e for e in entries if e.get("key") != key]
        if len(kept) == len(entries):
            return False
        write_atomic(self.trusted_path, json.dumps(kept, ensure_ascii=False, indent=2).encode("utf-8"))
        return True


def read_identity(path: Path) -> str:
    """The `AGE-SECRET-KEY-1...` line of an identity file (comments skipped)."""
    for line in path.read_text(encoding="ascii").splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-"):
            return line
    raise KeysError(f"{path} bevat geen age-identiteit (een regel 'AGE-SECRET-KEY-...').")


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file (as `keys init` writes it)."""
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise KeysError(f"Het sleutelbestand {path} bestaat niet.") from None
    except (ValueError, TypeError):
        raise KeysError(f"{path} bevat geen leesbare ondertekeningssleutel (PEM).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeysError(f"{path} bevat geen Ed25519-sleutel. Maak de sleutels met 'keys init'.")
    return key
