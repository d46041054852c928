// Key actions (insert, lookup) and traffic (hot keys).
#include "topics/hashring/hashring_model.h"

namespace sb::core::hashring {
namespace {

constexpr std::int64_t kMaxRequests = 100000;  // each request is an event, and checkpoints copy the ring
constexpr std::size_t kMaxKeyName = 200;

}  // namespace

std::optional<std::size_t> HashringModel::lookupIndex() const {
    if (!m_hasLookup) return std::nullopt;
    return m_keys->findId(m_lookupHash, m_lookupId);
}

Status HashringModel::applyKeyAction(const Action& a, Event& out) {
    const std::string key = a.str("key");
    if (key.empty() || key.size() > kMaxKeyName) return makeError("a key name has 1 to 200 characters", "/key");
    auto found = m_keys->find(key);
    if (a.kind == "lookup") {
        if (!found) return makeError("no key named '" + key + "' (insert it first)", "/key");
        const std::uint64_t h = m_keys->hash(*found);
        const Lookup result = m_place.lookup(h);
        m_hasLookup = true;
        m_lookupHash = h;
        m_lookupId = m_keys->id(*found);
        m_lookupCost = result.cost;
        out.node = result.owner;
        out.with("key", std::int64_t{m_lookupId} + 1).with("cost", result.cost);
        // The preference list, owner first, one event each (an event has too few fields for R).
        std::int64_t rank = 0;
        for (const std::uint8_t slot : m_place.replicas(h)) {
            Event replica;
            replica.kind = "replica";
            replica.node = slot;
            replica.with("key", std::int64_t{m_lookupId} + 1).with("rank", ++rank);
            m_pending.push_back(replica);
        }
        return {};
    }
    if (found) return makeError("key '" + key + "' already exists", "/key");
    if (m_keys->size() >= 2000000) return makeError("too many keys", "/key");
    auto keys = std::make_shared<KeyTable>(*m_keys);
    const std::size_t index = keys->insert(key);
    const Lookup result = m_place.lookup(keys->hash(index));
    auto owners = std::make_shared<std::vector<std::uint8_t>>(*m_owners);
    owners->insert(owners->begin() + static_cast<std::ptrdiff_t>(index), result.owner);
    auto prev = std::make_shared<std::vector<std::uint8_t>>(*m_prevOwners);
    prev->insert(prev->begin() + static_cast<std::ptrdiff_t>(index), result.owner);
    m_keys = keys;
    m_owners = owners;
    m_prevOwners = prev;
    endTransit();  // the journeys index the keys as they were; a new key ends them early
    updateDensity();
    recount();
    out.node = result.owner;
    out.with("key", std::int64_t{m_keys->id(index)} + 1).with("cost", result.cost);
    return {};
}

Status HashringModel::applyTraffic(const Action& a, Event& out) {
    if (a.kind == "clear_traffic") {
        std::fill(m_requests.begin(), m_requests.end(), 0);
        m_requestsTotal = 0;
        m_bursts.clear();
        return {};
    }
    const std::int64_t n = a.integer("requests");
    if (n < 1 || n > kMaxRequests) return makeError("requests must be 1..100000", "/requests");
    if (m_keys->size() == 0) return makeError("there are no keys to send requests to", "/key");
    Burst burst;
    burst.remaining = n;
    const auto spread = a.args.find("spread");
    burst.spread = spread != a.args.end() && spread->is_boolean() && spread->get<bool>();
    burst.next = m_now + kMillisecond;
    if (a.has("key")) {
        auto found = m_keys->find(a.str("key"));
        if (!found) return makeError("no key named '" + a.str("key") + "'", "/key");
        burst.keyIndex = static_cast<std::int64_t>(*found);
        burst.keyHash = m_keys->hash(*found);
        burst.keyId = m_keys->id(*found);
        m_hasHot = true;
        m_hotHash = burst.keyHash;
        m_hotId = burst.keyId;
        out.with("key", std::int64_t{burst.keyId} + 1);
    }
    out.with("requests", n);
    m_bursts.push_back(burst);
    return {};
}

}  // namespace sb::core::hashring
