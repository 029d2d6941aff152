"""Fault-injection probes: kills, damage, full and read-only disks, races; nothing the drafter has is lost."""
