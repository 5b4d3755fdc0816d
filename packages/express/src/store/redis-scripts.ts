// Lua scripts of the Redis store: each operation reads and writes its key(s) in one atomic step, with the
// time taken from the Redis server (`TIME`), so instances with skewed clocks still agree. The formulas are
// those of rate-math.ts; every key a script touches is passed in KEYS and shares one hash tag, so the
// scripts also run on Redis Cluster. Lua numbers are doubles; replies are truncated to integers by Redis,
// hence the explicit floor/ceil.

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** KEYS[1]: the counter hash. ARGV: limit, windowMs. Reply: {allowed 0/1, remaining, retryAfterMs}. */
export const SLIDING_WINDOW_SCRIPT = `${NOW}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local start = now - (now % window)
local v = redis.call('HMGET', KEYS[1], 's', 'c', 'p')
local s = tonumber(v[1])
local c = tonumber(v[2]) or 0
local p = tonumber(v[3]) or 0
if s ~= start then
  if s ~= nil and start - s == window then p = c else p = 0 end
  c = 0
end
local estimated = p * (1 - (now - start) / window) + c
if estimated + 1 <= limit then
  c = c + 1
  redis.call('HSET', KEYS[1], 's', start, 'c', c, 'p', p)
  redis.call('PEXPIRE', KEYS[1], start + 2 * window - now)
  return {1, math.floor(limit - estimated - 1), 0}
end
local at
if c + 1 <= limit and p > 0 then
  at = start + window * (1 - (limit - 1 - c) / p)
else
  at = start + window + window * math.max(0, 1 - (limit - 1) / c)
end
return {0, 0, math.max(1, math.ceil(at - now))}
`;

/** KEYS[1]: the bucket hash. ARGV: limit, windowMs. Reply: {allowed 0/1, remaining, retryAfterMs}. */
export const TOKEN_BUCKET_SCRIPT = `${NOW}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local rate = limit / window
local v = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = tonumber(v[1])
local updated = tonumber(v[2])
if tokens == nil or updated == nil then
  tokens = limit
  updated = now
end
tokens = math.min(limit, tokens + math.max(0, now - updated) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'u', now)
redis.call('PEXPIRE', KEYS[1], window)
if allowed == 1 then return {1, math.floor(tokens), 0} end
return {0, 0, math.max(1, math.ceil((1 - tokens) / rate))}
`;

/**
 * KEYS[1]: the attack counter, KEYS[2]: the ban flag. ARGV: threshold, windowMs, durationMs.
 * Reply: {count, banned 0/1}. The window starts at the first attack (fixed window), like the memory store.
 */
export const STRIKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if count >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {count, 1}
end
return {count, 0}
`;
