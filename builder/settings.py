"""Every NETBUILDER_* environment variable in one place: its type, default, bounds and help, read once.

A bad value stops the CLI or the server at start with a message that names the variable; nothing else in
NetBuilder reads the environment for its own settings. A variable set to nothing (or only spaces) counts as
unset, and spaces around a value are dropped, for every setting alike.
"""
from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "NETBUILDER_"
ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """An environment variable NetBuilder cannot use; the message names it and says what would work."""


class Settings(BaseSettings):
    """The server's and the CLI's settings. Field names are the variables without the NETBUILDER_ prefix."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    # ---- how big a network this machine accepts (checked before anything is allocated) ----
    max_layers: int = Field(1_000, ge=1, le=100_000, description="layers in one network")
    max_input_values: int = Field(1_000_000, ge=1, le=10**10, description="numbers in one input sample")
    max_params: int = Field(100_000_000, ge=1, le=10**12, description="parameters in one network")
    max_activations: int = Field(50_000_000, ge=1, le=10**12,
                                 description="numbers all layers output, or hold while they run, for one sample")
    # ---- the server ----
    max_jobs: int = Field(4, ge=1, le=256, description="training runs at once; more Starts wait in a queue")
    max_queued: int = Field(32, ge=0, le=10_000, description="runs waiting for a free slot, server-wide")
    worker_threads: int = Field(0, ge=0, le=1024, description="CPU threads the running workers share (0: every "
                                                              "core but one, which is kept for the page)")
    stop_timeout: float = Field(5.0, gt=0, le=600, description="seconds a worker has to stop before it is killed")
    checkpoint_every: float = Field(30.0, ge=0, le=86_400,
                                    description="a running run's checkpoint is written at every epoch's end, "
                                                "at most once per this many seconds")
    runs_dir: Path = Field(ROOT / "runs", description="where runs, their checkpoints and bundles are kept")
    max_upload_mb: int = Field(50, ge=1, le=4_096, description="largest file the page accepts, in MB")
    check_timeout: float = Field(20.0, gt=0, le=3_600,
                                 description="seconds a check of an uploaded file may take on the server")
    check_memory_mb: int = Field(2_048, ge=64, le=1_048_576,
                                 description="memory a check of an uploaded file may use on the server, in MB")
    # ---- distributed training and debugging ----
    dist_timeout: float = Field(60.0, gt=0, le=86_400,
                                description="seconds a distributed rank waits for its peers before failing")
    debug: bool = Field(False, description="print tracebacks for internal errors (CLI)")

    @property
    def max_upload_bytes(self) -> int:
        """max_upload_mb in bytes, a megabyte counted as Streamlit's uploader counts it (2**20 bytes)."""
        return self.max_upload_mb * 2**20

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unset(cls, value, info):
        # `NETBUILDER_RUNS_DIR=` is how shells, .env files and compose files say "not set" (as `${VAR:-default}`
        # reads it): the default, never an empty path (the working directory) or an empty number. Spaces around a
        # value are a copy-and-paste's, never part of it (" /data/runs" is not a folder named " ").
        if not isinstance(value, str):
            return value
        return value.strip() or cls.model_fields[info.field_name].default


@functools.cache
def settings() -> Settings:
    """The settings, read from the environment once; raises SettingsError naming the variable."""
    try:
        return Settings()
    except ValidationError as e:
        raise SettingsError("\n".join(_describe(err) for err in e.errors())) from None


def reload() -> Settings:
    """Read the environment again (tests that change a variable)."""
    settings.cache_clear()
    return settings()


def _describe(err: dict) -> str:
    name = PREFIX + str(err["loc"][0]).upper() if err.get("loc") else PREFIX + "?"
    message = err["msg"].removeprefix("Value error, ")
    return f"{name}: {message[0].lower() + message[1:]}. Received: {name}={err.get('input')!r}"


def markdown_table() -> str:
    """The README's table of variables, made from the Settings fields (a test keeps the README in step)."""
    rows = ["| variable | default | what |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default
        shown = "the project's `runs/`" if isinstance(default, Path) else f"`{str(default).lower()}`" \
            if isinstance(default, bool) else f"`{default:,}`" if isinstance(default, int) else f"`{default:g}`"
        rows.append(f"| `{PREFIX}{name.upper()}` | {shown} | {field.description} |")
    return "\n".join(rows)
