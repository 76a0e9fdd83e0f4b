"""The project folder: seuranta.toml, seuranta.db, master.xlsx, and the lock that serialises syncs."""
from __future__ import annotations

import contextlib
import secrets
import tomllib
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import tomli_w
from filelock import FileLock, Timeout
from pydantic import ValidationError

from seuranta_xl.core.errors import UserError
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.core.model import Config, Scale

CONFIG_NAME = "seuranta.toml"
DB_NAME = "seuranta.db"
MASTER_NAME = "master.xlsx"
LOCK_NAME = ".seuranta.lock"
LOCK_WAIT_SECONDS = 5.0


def builtin_scales() -> dict[str, Scale]:
    data = tomllib.loads(
        resources.files("seuranta_xl.workbook_templates").joinpath("scales.toml").read_text("utf-8")
    )
    return {name: Scale.model_validate(body) for name, body in data["scales"].items()}


def new_config(organisation: str, scale: str = "1-5", language: str = "fi") -> Config:
    return Config(organisation=organisation, scale=scale, language=language,
                  secret=secrets.token_hex(32), project_id=uuid.uuid4().hex)


def validation_message(exc: ValidationError) -> tuple[str, str]:
    """(Finnish, English) one-line description naming the first bad key."""
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err.get("loc", ())) or "?"
    msg = err.get("msg", "invalid")
    return f"virheellinen arvo avaimessa ”{key}”: {msg}", f"invalid value at key “{key}”: {msg}"


class Project:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def master_path(self) -> Path:
        return self.root / MASTER_NAME

    def exists(self) -> bool:
        return self.config_path.exists() or self.db_path.exists()

    # ---------------------------------------------------------------- config
    def load_config(self) -> Config:
        if not self.config_path.exists():
            raise UserError(
                f"Projektia ei löydy kansiosta {self.root}: {CONFIG_NAME} puuttuu",
                f"No project in {self.root}: {CONFIG_NAME} is missing",
                f"Inget projekt i {self.root}: {CONFIG_NAME} saknas",
                hint_fi="Luo projekti komennolla 'seuranta init' tai anna --project KANSIO.",
                hint_en="Create one with 'seuranta init' or give --project DIR.",
            )
        try:
            data = tomllib.loads(self.config_path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"{CONFIG_NAME} ei ole kelvollista TOMLia: {exc}",
                            f"{CONFIG_NAME} is not valid TOML: {exc}") from None
        try:
            return Config.model_validate(data)
        except ValidationError as exc:
            fi, en = validation_message(exc)
            raise UserError(f"{CONFIG_NAME}: {fi}", f"{CONFIG_NAME}: {en}",
                            hint_fi="Korjaa avain seuranta.toml-tiedostossa.",
                            hint_en="Fix the key in seuranta.toml.") from None

    def save_config(self, config: Config) -> None:
        data = config.model_dump(mode="json", exclude_none=True)
        text = tomli_w.dumps(data)
        # The file holds the HMAC secret: readable by its owner only (0600; on Windows the folder's ACL).
        write_atomic(self.config_path, text, mode=0o600)

    def scales(self, config: Config | None = None) -> dict[str, Scale]:
        config = config or self.load_config()
        scales = builtin_scales()
        scales.update(config.scales)
        return scales

    def scale(self, name: str, config: Config | None = None) -> Scale:
        scales = self.scales(config)
        if name not in scales:
            raise UserError(
                f"Tuntematon asteikko ”{name}”; tunnetut: {', '.join(sorted(scales))}",
                f"Unknown scale “{name}”; known: {', '.join(sorted(scales))}",
                hint_fi="Lisää oma asteikko seuranta.toml-tiedoston [scales]-osioon.",
                hint_en="Add your own scale under [scales] in seuranta.toml.",
            )
        return scales[name]

    # ---------------------------------------------------------------- ledger and lock
    def ledger(self) -> Ledger:
        if not self.db_path.exists():
            raise UserError(f"Kirjanpito {self.db_path} puuttuu", f"The ledger {self.db_path} is missing",
                            hint_fi="Luo projekti komennolla 'seuranta init'.",
                            hint_en="Create the project with 'seuranta init'.")
        return Ledger(self.db_path)

    @contextlib.contextmanager
    def lock(self, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
        """Only one command that writes the ledger or master runs at a time."""
        lock = FileLock(str(self.root / LOCK_NAME))
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise UserError(
                "Toinen seuranta-komento on jo käynnissä tässä projektissa",
                "Another seuranta command is already running in this project",
                "Ett annat seuranta-kommando körs redan i detta projekt",
                hint_fi="Odota, että se valmistuu, ja aja komento uudelleen.",
                hint_en="Wait for it to finish and run the command again.",
            ) from None
        try:
            yield
        finally:
            lock.release()
