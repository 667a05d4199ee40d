"""The data store: typed models, engine and sessions, migrations, backups. No GUI here."""
