print("langevin-verify")
