import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaServer
import SynergiaStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Users and their roles in workspaces.", subcommands: [CreateAdmin.self, Add.self, Role.self, PasswordLink.self, Token.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var store: StoreOptions
        @Option(help: "E-mail address.") var email: String
        @Option(help: "Display name.") var name: String
        @Flag(help: "Secretariat staff: reads the submitted reports of every workspace, nothing else national.") var secretariat = false

        func run() async throws {
            try await userFacing {
                let settings = WebSettings.fromEnvironment()
                let link = try await store.withStore { store in
                    let user = try await store.createUser(email: email, displayName: name, isSystemAdministrator: false, isSecretariat: secretariat)
                    return settings.passwordLink(try await store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: nil,
                                                                                    lifetime: settings.passwordLinkLifetime))
                }
                print("Added user \(email). Give them this one-time link to choose a password (valid 7 days):\n\(link)")
            }
        }
    }

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-admin",
            abstract: "Create a system administrator (the first account of an installation) and print a one-time link to choose the password.")
        @OptionGroup var store: StoreOptions
        @Option(help: "E-mail address.") var email: String
        @Option(help: "Display name.") var name = "Administrator"
        @Flag(help: "Read the password from standard input instead of printing a link (for scripted installs).") var passwordStdin = false

        func run() async throws {
            try await userFacing {
                let settings = WebSettings.fromEnvironment()
                var password: String?
                if passwordStdin {
                    password = readLine(strippingNewline: true)
                    let common = try CommonPasswordsFile.load(dataDirectory: settings.dataDirectory)
                    if let problem = PasswordRules.problem(password ?? "", email: email, common: common) {
                        throw DomainError.invalid("the password on standard input is not acceptable: \(problem)")
                    }
                }
                var hash: String?
                if let password { hash = try await Passwords(cost: settings.bcryptCost).hash(password) }
                let link = try await store.withStore { store -> String? in
                    let user = try await store.createUser(email: email, displayName: name, isSystemAdministrator: true)
                    try await store.recordSecurityEvent(.userInvited, userID: user.id, email: user.email, detail: "system administrator (command line)")
                    let token = try await store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: nil, lifetime: settings.passwordLinkLifetime)
                    if let hash { _ = try await store.usePasswordLink(token: token, passwordHash: hash); return nil }
                    return settings.passwordLink(token)
                }
                if let link {
                    print("Created the administrator \(email). Open this one-time link to choose the password (valid 7 days):\n\(link)")
                } else {
                    print("Created the administrator \(email) with the password given.")
                }
            }
        }
    }

    struct PasswordLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password-link", abstract: "Print a one-time link with which a user chooses a new password (there is no mail server).")
        @OptionGroup var store: StoreOptions
        @Option(help: "E-mail address.") var email: String

        func run() async throws {
            try await userFacing {
                let settings = WebSettings.fromEnvironment()
                let link = try await store.withStore { store in
                    guard let user = try await store.user(email: email) else { throw DomainError.notFound("no user with the e-mail \(email)") }
                    try await store.recordSecurityEvent(.passwordLinkCreated, userID: user.id, email: user.email, detail: "command line")
                    return settings.passwordLink(try await store.createPasswordLink(userID: user.id, purpose: .reset, createdBy: nil,
                                                                                    lifetime: settings.passwordLinkLifetime))
                }
                print("One-time link for \(email) (valid 7 days):\n\(link)")
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
                    try await store.recordSecurityEvent(.roleChanged, userID: user.id, email: user.email, workspaceID: workspace.id,
                                                        detail: (remove ? "removed" : role!.rawValue) + " (command line)")
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
