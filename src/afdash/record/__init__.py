"""The independent record beside the report: UCDP conflict data, UNHCR refugee statistics and World Bank
indicators for Afghanistan and its six neighbours, carrying the story past 2022. Never merged with the
report's own figures: the two are shown side by side, each with its source."""
