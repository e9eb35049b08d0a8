"""Background jobs, run once per period by one command on every machine: `flask jobs run`.

models.py    the `job_leases` table: one row per job, its lease and its last run
periods.py   periods as windows of UTC time ("2026-12-06", "2026-12-06 14:00")
leases.py    claim, renew, finish and fail a job's lease, each one conditional UPDATE
registry.py  the jobs, their default periods, `PORTAL_JOB_PERIODS`
services.py  `run_jobs` (what is due, each in its own app context) and `job_states`
cli.py       flask jobs run | list
"""
