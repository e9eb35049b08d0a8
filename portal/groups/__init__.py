"""Community groups: their dashboard, their organisations, and asking to manage one."""
