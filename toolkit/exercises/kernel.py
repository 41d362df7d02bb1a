"""The exercise app's kernel: ipykernel without its debugger.

ipykernel imports debugpy at start when it is installed; a trainee never debugs, and it costs
every session about 8 MB. The app's kernel spec (book/app/jupyter/kernels/handbok-ovningar)
starts `python -m toolkit.exercises.kernel -f CONNECTION_FILE`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Start ipykernel with `import debugpy` failing, so that it runs without a debugger."""
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # an import of it now raises ImportError
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main()
