import NotesCLI

NotesCommand.superviseIfAsked()
await NotesCommand.runFromCommandLine()
