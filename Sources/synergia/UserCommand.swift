import ArgumentParser
import SynergiaCore
import SynergiaStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Users and their roles in workspaces.", subcommands: [Add.self, Role.self, Token.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var store: StoreOptions
        @Option(help: "E-mail address.") var email: String
        @Option(help: "Display name.") var name: String

        func run() async throws {
            try await userFacing {
                let user = try await store.withStore { try await $0.createUser(email: email, displayName: name, isSystemAdministrator: false) }
                print("Added user \(user.email).")
            }
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a user a role in a workspace (or remove it with --remove).")
        @OptionGroup var store: StoreOptions
        @Option(help: "E-mail address.") var email: String
        @Option(help: "Workspace country code.") var workspace: String
        @Option(help: "viewer, contributor, reviewer or focal_point.") var role: WorkspaceRole?
        @Flag(help: "Remove the user from the workspace.") var remove = false

        func validate() throws {
            if (role == nil) == !remove { throw ValidationError("give --role or --remove") }
        }

        func run() async throws {
            try await userFacing {
                try await store.withStore { store in
                    let workspace = try await requireWorkspace(store, self.workspace)
                    guard let user = try await store.user(email: email) else { throw DomainError.notFound("no user with the e-mail \(email); add it with `synergia user add`") }
                    try await store.setRole(workspaceID: workspace.id, userID: user.id, role: remove ? nil : role)
                }
                print(remove ? "Removed \(email) from \(workspace)." : "\(email) is \(role!.rawValue) in \(workspace).")
            }
        }
    }
}

extension UserCommand {
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user; it is shown once and only its hash is kept.")
        @OptionGroup var store: StoreOptions
        @Option(help: "E-mail address.") var email: String
        @Option(help: "What the token is for.") var label = "api"

        func run() async throws {
            try await userFacing {
                let token = try await store.withStore { store in
                    guard let user = try await store.user(email: email) else { throw DomainError.notFound("no user with the e-mail \(email)") }
                    return try await store.createToken(userID: user.id, label: label)
                }
                print(token)
            }
        }
    }
}

extension WorkspaceRole: ExpressibleByArgument {}
