# lotrace_usdt_generate(<provider.d> <header.h>)
#
# Adds a rule that runs usdt-gen on <provider.d> (relative to the current
# source directory) to make <header.h> (relative to the current binary
# directory). List <header.h> among a target's sources so that it is made
# before they compile, and add its directory to the target's include path:
#
#   lotrace_usdt_generate(kvd.d kvd_probes.h)
#   add_executable(kvd main.c ${CMAKE_CURRENT_BINARY_DIR}/kvd_probes.h)
#   target_include_directories(kvd PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
#   target_link_libraries(kvd PRIVATE lotrace::usdt)
function(lotrace_usdt_generate provider header)
	get_filename_component(provider "${provider}" ABSOLUTE
		BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
	get_filename_component(header "${header}" ABSOLUTE
		BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
	get_filename_component(name "${header}" NAME)
	add_custom_command(OUTPUT "${header}"
		COMMAND lotrace::usdt-gen -s "${provider}" -o "${header}"
		DEPENDS "${provider}" lotrace::usdt-gen
		COMMENT "Generating ${name} from its provider file"
		VERBATIM)
endfunction()
