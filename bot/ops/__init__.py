"""Running Handout as a service: the invite link, logs for machines, health and metrics."""
