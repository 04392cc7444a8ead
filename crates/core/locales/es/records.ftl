# records
