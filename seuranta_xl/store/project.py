"""The project folder: seuranta.toml, seuranta.db, master.xlsx, and the lock that serialises syncs."""
from __future__ import annotations

import contextlib
import os
import secrets
import tomllib
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from seuranta_xl.core.errors import UserError
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.hostlock import host_lock
from seuranta_xl.store.location import Location, project_location
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.core.inputs import InputPreset
from seuranta_xl.core.model import Config, Scale

CONFIG_NAME = "seuranta.toml"
DB_NAME = "seuranta.db"
MASTER_NAME = "master.xlsx"
LOCK_NAME = ".seuranta.lock"
FORMS_DIR = "lomakkeet"        # lomakkeet/<round>/: the generated workbooks
RETURNS_DIR = "palautukset"    # palautukset/<round>/: where the returns are saved
LOCK_WAIT_SECONDS = 5.0
LANGUAGES = ("fi", "sv", "en")


def builtin_scales() -> dict[str, Scale]:
    data = tomllib.loads(
        resources.files("seuranta_xl.workbook_templates").joinpath("scales.toml").read_text("utf-8")
    )
    return {name: Scale.model_validate(body) for name, body in data["scales"].items()}


def builtin_inputs() -> dict[str, InputPreset]:
    data = tomllib.loads(
        resources.files("seuranta_xl.workbook_templates").joinpath("inputs.toml").read_text("utf-8")
    )
    return {name: InputPreset.model_validate(body) for name, body in data["inputs"].items()}


def new_config(organisation: str, scale: str = "1-5", language: str = "fi") -> Config:
    return Config(organisation=organisation, scale=scale, language=language,
                  secret=secrets.token_hex(32), project_id=uuid.uuid4().hex)


def validation_problem(exc: ValidationError) -> tuple[str, str]:
    """(key, what is wrong) of the first bad key: data for the config-invalid error."""
    err = exc.errors()[0]
    return ".".join(str(p) for p in err.get("loc", ())) or "?", err.get("msg", "invalid")


def find_project_root(start: Path | str | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current folder) that holds seuranta.toml,
    as an absolute path — found the way git finds its repository; None when there is none."""
    here = Path(os.path.abspath(start if start is not None else Path.cwd()))
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def shell_language(root: Path | None) -> str:
    """The language to speak to a person in: the project's (from its seuranta.toml at ``root``, read
    leniently: a broken file does not matter here), else SEURANTA_LANG, else Finnish."""
    if root is not None:
        try:
            lang = tomllib.loads((Path(root) / CONFIG_NAME).read_text("utf-8")).get("language", "fi")
        except (OSError, ValueError):
            lang = None
        if lang in LANGUAGES:
            return lang
    lang = os.environ.get("SEURANTA_LANG", "fi")
    return lang if lang in LANGUAGES else "fi"


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
            raise UserError("project-missing", root=str(self.root), config=CONFIG_NAME)
        try:
            data = tomllib.loads(self.config_path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError("toml-invalid", name=CONFIG_NAME, detail=str(exc)) from None
        try:
            return Config.model_validate(data)
        except ValidationError as exc:
            key, problem = validation_problem(exc)
            raise UserError("config-invalid", config=CONFIG_NAME, key=key, detail=problem) from None

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
            raise UserError("scale-unknown", scale=name, known=", ".join(sorted(scales)))
        return scales[name]

    def input_presets(self, config: Config | None = None) -> dict[str, InputPreset]:
        config = config or self.load_config()
        presets = builtin_inputs()
        presets.update(config.inputs)
        return presets

    def input_preset(self, name: str, config: Config | None = None) -> InputPreset:
        presets = self.input_presets(config)
        if name not in presets:
            raise UserError("inputs-unknown", preset=name, known=", ".join(sorted(presets)))
        return presets[name]

    # ---------------------------------------------------------------- ledger and lock
    def ledger(self) -> Ledger:
        if not self.db_path.exists():
            raise UserError("ledger-missing", path=str(self.db_path))
        return Ledger(self.db_path)

    def location(self) -> Location:
        """Where the folder lives (store/location.py): a local disk, a network share or a synced folder."""
        return project_location(self.root)

    @contextlib.contextmanager
    def lock(self, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
        """Only one command that writes the ledger or master runs at a time. On a network share or in
        a synced folder the lock is a file naming its host and process (store/hostlock.py), which
        another machine sees too."""
        if not self.location().local:
            with host_lock(self.root / LOCK_NAME, wait):
                yield
            return
        from filelock import FileLock, Timeout   # here: the commands that only read start without it (15 ms)
        lock = FileLock(str(self.root / LOCK_NAME))
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise UserError("project-busy") from None
        try:
            yield
        finally:
            lock.release()
