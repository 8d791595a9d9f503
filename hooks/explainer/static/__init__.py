"""The adapter for engines that run no MkDocs plugin (Zensical): the plugin's work, done around the engine."""
