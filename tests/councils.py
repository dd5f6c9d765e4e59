"""The Security Council by year, written out by hand for the vote tests (the members as UN records list
them; ISO3), so that expected lists do not come from the engine's own council.toml."""

from __future__ import annotations

C1961 = frozenset("LKA CHL CHN ECU FRA LBR TUR SUN EGY GBR USA".split())  # 11 seats; Ceylon, the UAR
C1985 = frozenset("AUS BFA CHN DNK EGY FRA IND MDG PER THA TTO UKR SUN GBR USA".split())
C2011 = frozenset("BIH BRA CHN COL FRA GAB DEU IND LBN NGA PRT RUS ZAF GBR USA".split())
C2018 = frozenset("BOL CHN CIV GNQ ETH FRA KAZ KWT NLD PER POL RUS SWE GBR USA".split())
C2020 = frozenset("BEL CHN DOM EST FRA DEU IDN NER RUS VCT ZAF TUN GBR USA VNM".split())
C2021 = frozenset("CHN EST FRA IND IRL KEN MEX NER NOR RUS VCT TUN GBR USA VNM".split())
