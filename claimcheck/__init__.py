"""claimcheck: check a draft's figures, dates, quotations and attributions against its sources."""

__version__ = "0.1.0"
