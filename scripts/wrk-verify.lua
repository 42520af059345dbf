-- wrk cross-check of the verify scenario: random existing numbers from the file scripts/load-test.sh writes.
local numbers = {}
for line in io.lines(os.getenv("WRK_NUMBERS")) do numbers[#numbers + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/verify/" .. numbers[math.random(#numbers)])
end
