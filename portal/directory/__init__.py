"""The directory: organisations, services (activities), locations, schedules and taxonomy."""
