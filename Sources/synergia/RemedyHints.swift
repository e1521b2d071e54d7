import SynergiaCore
import SynergiaReporting

/// The command or flag that carries out a refusal's remedy, appended to its facts.
func cliHint(_ remedy: DomainError.Remedy) -> String {
    switch remedy {
    case .chooseGlobalTarget(let framework): " (see `synergia frameworks show \(framework)`)"
    case .defineNationalIndicator: " with `synergia indicator define`"
    case .chooseNationalTarget: "; list them with `synergia national-target list`"
    case .allowReplacing: "; pass --replace to overwrite it"
    case .chooseCountry: " (see `synergia countries list`)"
    case .migrateReport(let reportID): "; see what moving it would carry with `synergia report migrate \(reportID)`"
    }
}

/// Answer text the CLI cannot read; where only JSON will do, the help that shows its forms.
func cliMessage(_ error: AnswerReadError) -> String {
    guard case .notOneText = error.reason else { return error.description }
    return error.description + " (see `synergia report answer --help`)"
}
