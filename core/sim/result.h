#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sb::core {

// An error as a value: what went wrong and where (a file, a JSON pointer, a field name).
// Core never lets exceptions cross its boundary; callers get one of these instead.
struct Error {
    std::string message;
    std::string where;  // "lessons/raft/x.json:12:4", "/steps/3/expect/0", "--param n"; may be empty

    std::string text() const { return where.empty() ? message : where + ": " + message; }
};

template <class T>
class Result {
public:
    Result(T value) : m_data(std::move(value)) {}                  // NOLINT: implicit by design
    Result(Error error) : m_data(std::move(error)) {}              // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_data); }
    const T& value() const { return std::get<T>(m_data); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok {};

// Result<void> spelled as a distinct type so that `return {};` means success.
class Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(std::string message, std::string where = {}) {
    return Error{std::move(message), std::move(where)};
}

}  // namespace sb::core
