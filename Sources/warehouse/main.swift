print("warehouse")
