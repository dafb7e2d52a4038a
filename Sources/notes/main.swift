import NotesCLI

await NotesCommand.runFromCommandLine()
