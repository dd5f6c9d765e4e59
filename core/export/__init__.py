"""Results → the formats users read: JSON (`jsonout`, the only place field names are spelled), CSV and SQLite
(`tables`), the citation graph (`graph`), and the Dag Hammarskjöld Library's voting columns (`dhl`)."""
