# The decoders' unit tests (include()d by CMakeLists.txt): the flag and enum
# tables against the headers (test_xlat, linked with the tables as the
# headers define them), decoding against strace's spellings with this
# kernel's tracepoint formats (test_decode: root, else skipped with 77), and
# the syscall classes of -e trace= (test_sysclass). Registered like the
# other modules: unit_<name>, and valgrind_<name> where valgrind runs.
foreach(m xlat decode sysclass)
	add_executable(test_${m} test_${m}.c)
	target_link_libraries(test_${m} PRIVATE lotrace-core PkgConfig::CMOCKA)
	add_test(NAME unit_${m} COMMAND test_${m})
	set_tests_properties(unit_${m} PROPERTIES
		LABELS "unit" TIMEOUT 60 SKIP_RETURN_CODE 77)
	if(VALGRIND AND NOT LOTRACE_SANITIZE)
		add_test(NAME valgrind_${m}
			 COMMAND ${VALGRIND} --leak-check=full --error-exitcode=1
				 --errors-for-leak-kinds=definite,indirect $<TARGET_FILE:test_${m}>)
		set_tests_properties(valgrind_${m} PROPERTIES
			LABELS "unit;valgrind;no-asan" TIMEOUT 300 SKIP_RETURN_CODE 77)
	endif()
endforeach()
target_link_libraries(test_xlat PRIVATE lotrace-xlat-hdr)
