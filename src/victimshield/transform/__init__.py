"""Transform stage: apply a plan."""

from victimshield.transform.apply import Transformer
from victimshield.transform.keys import CaseKey

__all__ = ["CaseKey", "Transformer"]
