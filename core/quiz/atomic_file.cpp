#include "quiz/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace sb::core {

namespace fs = std::filesystem;

namespace {

Error osError(const std::string& what, const std::string& path) {
    return makeError(what + ": " + std::strerror(errno), path);
}

// Writes all of `bytes` to a new file and fsyncs it. Retries on EINTR and short writes.
Status writeAndSync(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return osError("cannot create temporary file", path);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const Error e = osError("cannot write", path);
            ::close(fd);
            return e;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const Error e = osError("cannot flush to disk", path);
        ::close(fd);
        return e;
    }
    if (::close(fd) != 0) return osError("cannot close", path);
    return {};
}

Status syncDirectory(const std::string& path) {
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return osError("cannot open folder", dir.string());
    // Some file systems refuse fsync on a directory (EINVAL); the rename is still atomic there.
    const bool failed = ::fsync(fd) != 0 && errno != EINVAL;
    const Error e = failed ? osError("cannot flush folder", dir.string()) : Error{};
    ::close(fd);
    if (failed) return e;
    return {};
}

// Keeps the current file as backup 1, after shifting older backups up by one.
Status rotateBackups(const std::string& path, int backups) {
    std::error_code ec;
    if (backups <= 0 || !fs::exists(path, ec)) return {};
    // A save killed between step 3 and step 4 leaves "<path>.1" as a link to the current file.
    // The current file is then already backed up; shifting again would keep it twice.
    if (fs::equivalent(path, backupPath(path, 1), ec) && !ec) return {};
    for (int k = backups; k >= 2; --k) {
        const std::string from = backupPath(path, k - 1);
        if (!fs::exists(from, ec)) continue;
        if (::rename(from.c_str(), backupPath(path, k).c_str()) != 0)
            return osError("cannot rotate backup", from);
    }
    const std::string first = backupPath(path, 1);
    // After the shift, "<path>.1" is normally gone; if k = 1 or a rename failed half-way it may
    // remain, and link() would then fail with EEXIST.
    if (::unlink(first.c_str()) != 0 && errno != ENOENT) return osError("cannot replace", first);
    if (::link(path.c_str(), first.c_str()) == 0) return {};
    fs::copy_file(path, first, fs::copy_options::overwrite_existing, ec);
    if (ec) return makeError("cannot keep a backup: " + ec.message(), first);
    return {};
}

}  // namespace

std::string backupPath(const std::string& path, int n) {
    return path + "." + std::to_string(n);
}

Status writeFileAtomically(const std::string& path, std::string_view bytes, int backups) {
    const std::string tmp = path + ".tmp";
    if (Status s = writeAndSync(tmp, bytes); !s) return s;
    if (Status s = rotateBackups(path, backups); !s) {
        ::unlink(tmp.c_str());
        return s;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const Error e = osError("cannot replace file", path);
        ::unlink(tmp.c_str());
        return e;
    }
    return syncDirectory(path);
}

}  // namespace sb::core
