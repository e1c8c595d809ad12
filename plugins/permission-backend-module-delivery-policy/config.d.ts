export interface Config {
  delivery?: {
    /**
     * Groups whose members form the platform team: they may run production actions and
     * failovers. Entity refs such as `group:default/platform-team`.
     * Default: `group:default/platform-team`.
     */
    platformTeams?: string[];
  };
}
