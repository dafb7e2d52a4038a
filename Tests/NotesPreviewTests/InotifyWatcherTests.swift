#if os(Linux)
    import Foundation
    import Glibc
    import Testing

    @testable import NotesPreview

    /// What only inotify does: waiting for a new file's writer, coping with a lost queue or a lost
    /// folder, and giving its descriptor back.
    @Suite struct InotifyWatcherTests {
        @Test func aSaveThatMovesTheOldFileAsideIsOneChangeWithTheNewFileWhole() async throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            let watcher = try InotifyWatcher(folders: [sandbox.content, sandbox.templates])
            defer { watcher.stop() }
            // Like vim: the old file becomes the backup, and a new one is written in two parts (an fsync
            // between) and closed, on a thread of its own so that nothing but the writing sets the pace.
            let (written, finished) = AsyncStream<Bool>.makeStream()
            Thread.detachNewThread {
                let note = sandbox.path("content/01-first/note.md")
                let moved = rename(note, sandbox.path("content/01-first/note.md~")) == 0
                let descriptor = open(note, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                let first = write(descriptor, "# First,", 8) == 8
                usleep(20_000)
                let second = write(descriptor, " saved\n", 7) == 7
                finished.yield(moved && first && second && close(descriptor) == 0)
                finished.finish()
            }
            let first = try await change(of: watcher)
            let seen = try? String(contentsOfFile: sandbox.path("content/01-first/note.md"), encoding: .utf8)
            #expect(await written.first { _ in true } == true)
            #expect(first == [sandbox.path("content/01-first/note.md")])
            #expect(seen == "# First, saved\n", "the change came before the file was whole")
            #expect(try await change(of: watcher, within: .milliseconds(300)) == nil, "one change")
        }

        @Test func aFileMovedAsideIsAwaitedAndAFileBeingWrittenToo() throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            defer { close(descriptor) }
            var watches = InotifyWatches(descriptor: descriptor, roots: [sandbox.content.path])
            var changes = Set<String>()
            try watches.watch(tree: sandbox.content.path, isRoot: true, report: false, into: &changes)
            let folder = try #require(watches.folders.first { $0.value == sandbox.path("content/01-first") }?.key)
            func apply(_ mask: Int32, _ name: String, cookie: UInt32 = 0) throws {
                try watches.apply(InotifyEvent(watch: folder, mask: UInt32(mask), cookie: cookie, name: name), to: &changes)
            }
            // vim: the file moved to its backup (an ignored name) has vanished until it is made again.
            try apply(IN_MOVED_FROM, "note.md", cookie: 7)
            try apply(IN_MOVED_TO, "note.md~", cookie: 7)
            #expect(watches.vanished == [sandbox.path("content/01-first/note.md")])
            try apply(IN_CREATE, "note.md")  // on disk, one link: made by open(), so a close will follow
            #expect(watches.vanished.isEmpty)
            #expect(watches.unfinished == [sandbox.path("content/01-first/note.md")])
            try apply(IN_CLOSE_WRITE, "note.md")
            #expect(watches.unfinished.isEmpty)
            // sed -i: a temporary file written, then renamed over the file: nothing vanished.
            try sandbox.write("content/01-first/sed1234", "# First, sed\n")
            try apply(IN_CREATE, "sed1234")
            try apply(IN_CLOSE_WRITE, "sed1234")
            try apply(IN_MOVED_FROM, "sed1234", cookie: 8)
            try apply(IN_MOVED_TO, "note.md", cookie: 8)
            #expect(watches.vanished.isEmpty && watches.unfinished.isEmpty)
            // A link is whole when made.
            try FileManager.default.createSymbolicLink(atPath: sandbox.path("content/01-first/link.md"), withDestinationPath: "note.md")
            try apply(IN_CREATE, "link.md")
            #expect(watches.unfinished.isEmpty)
            #expect(changes == sandbox.paths(["note.md", "sed1234", "link.md"].map { "content/01-first/" + $0 }))
        }

        /// Real editors and tools that are installed: vim saves in place, sed writes aside and renames.
        static let editors = [
            ["/usr/bin/vim", "-u", "NONE", "-i", "NONE", "-N", "-n", "-es", "-c", "%s/First/First, vim/", "-c", "wq"],
            ["/usr/bin/sed", "-i", "s/First/First, sed/"],
        ].filter { FileManager.default.isExecutableFile(atPath: $0[0]) }

        /// Each save is one change, of the file saved.
        @Test(arguments: editors)
        func aSaveByAnEditorIsOneChangeOfTheFileSaved(command: [String]) async throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            let watcher = try InotifyWatcher(folders: [sandbox.content, sandbox.templates])
            defer { watcher.stop() }
            let note = sandbox.path("content/01-first/note.md")
            let process = try Process.run(URL(fileURLWithPath: command[0]), arguments: Array(command.dropFirst()) + [note])
            let first = try await change(of: watcher)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            // sed writes a temporary file (`sedXXXXXX`, not hidden) beside the file and renames it over.
            #expect(first?.filter { !$0.hasPrefix(sandbox.path("content/01-first/sed")) } == [note])
            #expect(try String(contentsOfFile: note, encoding: .utf8).hasPrefix("# First, "))
            #expect(try await change(of: watcher, within: .milliseconds(300)) == nil, "one change")
        }

        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
        func aGitCheckoutIsOneChangeOfEveryFileItTouched() async throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            func git(_ arguments: String...) throws {
                let process = try Process.run(
                    URL(fileURLWithPath: "/usr/bin/git"),
                    arguments: ["-C", sandbox.root.path, "-c", "user.name=notes", "-c", "user.email=notes@example.com"] + arguments)
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
            }
            try git("init", "-q", "-b", "main")
            try git("add", "-A")
            try git("commit", "-q", "-m", "first")
            try git("checkout", "-q", "-b", "second")
            try sandbox.write("content/01-first/note.md", "# First, second branch\n")
            try sandbox.remove("content/01-first/listing.py")
            try sandbox.write("content/02-second/note.md", "# Second\n")
            try sandbox.write("content/02-second/runs/a.transcript.json", "{}\n")
            try sandbox.write("templates/page.html", "<html>second</html>\n")
            try git("add", "-A")
            try git("commit", "-q", "-m", "second")
            try git("checkout", "-q", "main")

            let watcher = try InotifyWatcher(folders: [sandbox.content, sandbox.templates])
            defer { watcher.stop() }
            try git("checkout", "-q", "second")
            let expected = sandbox.paths([
                "content/01-first/note.md", "content/01-first/listing.py", "content/02-second", "content/02-second/note.md",
                "content/02-second/runs", "content/02-second/runs/a.transcript.json", "templates/page.html",
            ])
            #expect(try await change(of: watcher) == expected)
            #expect(try await change(of: watcher, within: .milliseconds(300)) == nil, "one change")
        }

        @Test func aLostQueueReportsEverythingAndWatchesFoldersMadeMeanwhile() throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            defer { close(descriptor) }
            var watches = InotifyWatches(descriptor: descriptor, roots: [sandbox.content.path, sandbox.templates.path])
            var changes = Set<String>()
            for root in watches.roots { try watches.watch(tree: root, isRoot: true, report: false, into: &changes) }
            #expect(watches.count == 3)
            #expect(changes.isEmpty)
            try sandbox.write("content/02-second/runs/a.json", "{}")
            try watches.apply(InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW), name: nil), to: &changes)
            #expect(changes == [sandbox.content.path, sandbox.templates.path])
            #expect(watches.count == 5)
        }

        @Test func aWatchedFolderRemovedMeansPollingFromThenOn() async throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            let watcher = try InotifyWatcher(folders: [sandbox.content, sandbox.templates])
            defer { watcher.stop() }
            try sandbox.remove("templates")
            #expect(try await changes(of: watcher, until: [sandbox.templates.path]).contains(sandbox.templates.path))
            try sandbox.write("templates/page.html", "<html>new</html>\n")
            #expect(
                try await changes(of: watcher, until: [sandbox.path("templates/page.html")]).contains(sandbox.path("templates/page.html")))
            try sandbox.write("content/01-first/note.md", "# First, polled\n")
            #expect(
                try await changes(of: watcher, until: [sandbox.path("content/01-first/note.md")]).contains(
                    sandbox.path("content/01-first/note.md")))
        }

        @Test func stoppingClosesTheDescriptorAndItsWatches() throws {
            let sandbox = try WatchSandbox()
            defer { sandbox.removeAll() }
            var status = stat()
            #expect(stat(sandbox.content.path, &status) == 0)
            let inode = String(UInt64(status.st_ino), radix: 16)
            let watcher = try InotifyWatcher(folders: [sandbox.content, sandbox.templates])
            #expect(watcher.initialWatchCount == 3)
            #expect(inotifyDescriptors(watching: inode) == 1)
            watcher.stop()
            #expect(inotifyDescriptors(watching: inode) == 0)
        }

        /// How many of this process's inotify descriptors watch the folder with inode `inode` (hex),
        /// from `/proc/self/fdinfo`: other tests' watchers, running meanwhile, watch other folders.
        private func inotifyDescriptors(watching inode: String) -> Int {
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fdinfo")) ?? []
            return descriptors.filter { descriptor in
                let info = (try? String(contentsOfFile: "/proc/self/fdinfo/\(descriptor)", encoding: .utf8)) ?? ""
                return info.split(separator: "\n").contains { $0.hasPrefix("inotify ") && $0.contains(" ino:\(inode) ") }
            }.count
        }
    }
#endif
