"""newsevents: political event data from news."""
