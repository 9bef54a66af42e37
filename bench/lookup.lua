-- wrk script: GET /api/customers/{id}, cycling through the ids in the file given after "--".
local ids = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
end

function request()
  i = i % #ids + 1
  return wrk.format("GET", "/api/customers/" .. ids[i])
end
