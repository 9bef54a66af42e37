-- wrk script: POST /api/score with the CSV body in the file given after "--".
local request_text

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  request_text = wrk.format("POST", "/api/score", { ["Content-Type"] = "text/csv" }, body)
end

function request()
  return request_text
end
