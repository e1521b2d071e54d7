import SynergiaKnowledge

/// The flag of `synergia kb import` that sets each import option.
func flag(_ option: KnowledgeImportOption) -> String {
    switch option {
    case .maximumSize: "--max-size"
    case .encoding: "--encoding"
    case .language: "--language"
    }
}

/// A refused import phrased with the flag that fixes it.
func cliMessage(_ error: KnowledgeImportError) -> String {
    switch error {
    case .tooLarge: error.facts + "; split it, or raise the limit with \(flag(error.option)) if the file is genuine"
    case .encodingNotRecognised: error.facts + "; convert it to UTF-8, or name its encoding with \(flag(error.option)) (any name `iconv -l` lists)"
    case .unknownEncoding: error.description
    case .undecodableBytes: error.facts + "; check the encoding given with \(flag(error.option))"
    case .languageUnknown: error.facts + "; give it with \(flag(error.option)) (\(KnowledgeImportError.languages))"
    }
}

/// A refused file's message as the import command prints it.
func importMessage(_ error: any Error) -> String {
    (error as? KnowledgeImportError).map(cliMessage) ?? errorMessage(error)
}
