#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/time.h"

namespace sb::core {

// A min-queue of scheduled items ordered by (time, sequence number). The sequence number is
// assigned at push, so items due at the same microsecond come out in the order they were
// scheduled: ties never depend on the heap's internals. Copyable, for checkpoints.
template <class Item>
class EventQueue {
public:
    struct Entry {
        Time time;
        std::uint64_t seq;
        Item item;
    };

    void push(Time time, Item item) { m_heap.push(Entry{time, m_nextSeq++, std::move(item)}); }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    const Entry& top() const { return m_heap.top(); }
    Entry pop() {
        Entry e = m_heap.top();
        m_heap.pop();
        return e;
    }
    void clear() {
        m_heap = {};
        m_nextSeq = 0;
    }

private:
    struct Later {
        bool operator()(const Entry& a, const Entry& b) const {
            return a.time != b.time ? a.time > b.time : a.seq > b.seq;
        }
    };
    std::priority_queue<Entry, std::vector<Entry>, Later> m_heap;
    std::uint64_t m_nextSeq = 0;
};

}  // namespace sb::core
