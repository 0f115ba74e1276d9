console.log("no schemas yet")
